import type { LdapTestDirectory } from "@atrium/api/modules/identity/providers/test-servers";
import { Client } from "ldapts";

/**
 * The DN of the directory entry whose immutable id is `subject`, asked of the directory itself: AD finds an entry by
 * its objectGUID in the `<GUID=…>` form, OpenLDAP by entryUUID. Proves a stored subject is that id, not a name.
 */
export async function dnOfSubject(directory: LdapTestDirectory, subject: string): Promise<string | undefined> {
  const client = new Client({ url: directory.url });
  try {
    await client.bind(directory.domainReader.bindDn, directory.domainReader.bindPassword);
    const { searchEntries } =
      directory.name === "samba-ad"
        ? await client.search(`<GUID=${subject}>`, { scope: "base", attributes: ["1.1"] })
        : await client.search(directory.baseDn, { filter: `(entryUUID=${subject})`, attributes: ["1.1"] });
    return searchEntries[0]?.dn;
  } finally {
    await client.unbind();
  }
}
