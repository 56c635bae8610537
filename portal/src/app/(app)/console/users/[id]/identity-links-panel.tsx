import type { Column } from "@/components/lists/data-table";
import { DataTable } from "@/components/lists/data-table";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { SectionCard } from "@/components/ui/section-card";
import type { UserIdentitiesQuery } from "@/generated/graphql";
import { formatDateTime, humanize } from "@/lib/format";
import { unlinkIdentityAction } from "./identity-links.actions";
import { LinkIdentityForm } from "./link-identity-form";

type Link = UserIdentitiesQuery["externalIdentities"][number];

const COLUMNS: Column<Link>[] = [
  {
    id: "provider",
    header: "Provider",
    cell: (link) => (
      <>
        {link.providerName}
        <div className="cell-sub">{humanize(link.providerKind)}</div>
      </>
    ),
  },
  {
    id: "subject",
    header: "Subject",
    className: "mono",
    // Subjects are long unbroken strings (issuer|sub, GUIDs): wrapped, so the table never needs a scrollbar.
    cell: (link) => <span style={{ wordBreak: "break-all" }}>{link.subject}</span>,
  },
  {
    id: "linked",
    header: "Linked",
    cell: (link) => (
      <>
        {formatDateTime(link.createdAt)}
        <div className="cell-sub">{`by ${humanize(link.linkedBy).toLowerCase()}`}</div>
      </>
    ),
  },
];

/** The provider accounts that sign into this user (the one account a person of a provider reaches), with unlink. */
export function IdentityLinksPanel({
  userId,
  name,
  links,
  providers,
}: {
  userId: string;
  name: string;
  links: Link[];
  /** The tenant's providers an admin may link; null for a viewer who may not change links. */
  providers: { id: string; name: string }[] | null;
}) {
  return (
    <SectionCard title="Sign-in links">
      {links.length ? (
        <DataTable
          label="Provider accounts linked to this user"
          columns={COLUMNS}
          rows={links}
          actions={
            providers
              ? (link) => (
                  <ConfirmAction
                    action={unlinkIdentityAction}
                    fields={{ userId, providerId: link.providerId }}
                    label="Unlink"
                    title={`Unlink ${link.providerName} from ${name}?`}
                    confirmLabel="Unlink"
                  >
                    <p>
                      Their next sign-in through {link.providerName} follows its link rule: it may create a new user.
                    </p>
                  </ConfirmAction>
                )
              : undefined
          }
        />
      ) : (
        <p className="muted">No provider account is linked: the user signs in with a local password only.</p>
      )}
      {providers?.length ? <LinkIdentityForm userId={userId} providers={providers} /> : null}
    </SectionCard>
  );
}
