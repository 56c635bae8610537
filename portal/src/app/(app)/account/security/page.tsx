import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { MyMfaDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { RegenerateRecoveryCodes, TurnOffTotp } from "./totp-manage";
import { TotpSetup } from "./totp-setup";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign-in security" };

export default async function SecurityPage() {
  const { myMfa } = await query(MyMfaDocument, {});
  return (
    <>
      <PageHeader title="Sign-in security" description="Protect your account with a second step at sign-in." />
      <section className="card" aria-labelledby="totp-heading" style={{ maxWidth: 760 }}>
        <div className="card-header">
          <h2 id="totp-heading">Authenticator app</h2>
          <span style={{ marginLeft: "auto" }}>
            {myMfa.totpEnabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
          </span>
        </div>
        <div className="card-body stack">
          <p className="muted">
            {myMfa.totpEnabled
              ? `Sign-in asks for a code from your app. ${myMfa.recoveryCodesLeft} recovery code${myMfa.recoveryCodesLeft === 1 ? "" : "s"} left.`
              : "After your password, sign-in will ask for a 6-digit code from an app on your phone."}
          </p>
          <TotpSetup enabled={myMfa.totpEnabled} />
        </div>
      </section>
      {myMfa.totpEnabled ? (
        <>
          <section className="card" aria-labelledby="recovery-heading" style={{ maxWidth: 760, marginTop: 16 }}>
            <div className="card-header">
              <h2 id="recovery-heading">Recovery codes</h2>
            </div>
            <div className="card-body stack">
              <p className="muted">New codes replace the ones you have: the earlier codes stop working.</p>
              <RegenerateRecoveryCodes />
            </div>
          </section>
          <section className="card" aria-labelledby="turn-off-heading" style={{ maxWidth: 760, marginTop: 16 }}>
            <div className="card-header">
              <h2 id="turn-off-heading">Turn off two-step verification</h2>
            </div>
            <div className="card-body stack">
              <TurnOffTotp required={myMfa.required} />
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}
