import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { DataTable } from "@/components/lists/data-table";
import { sessionFactColumns } from "@/components/tables/session-columns";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { SectionCard } from "@/components/ui/section-card";
import type { UserSupportQuery } from "@/generated/graphql";
import { formatDateTime, humanize } from "@/lib/format";
import { SessionMessageForm } from "./session-message-form";
import {
  disconnectSessionAction,
  endSessionAction,
  resetUserMfaAction,
  restartDesktopAction,
  signOutUserEverywhereAction,
  unlockUserAction,
} from "./support.actions";

type Support = UserSupportQuery["user"];
type Session = Support["recentSessions"][number];
type SignIn = Support["recentSignIns"][number];
type Desktop = Support["desktops"][number];

/** Lockout, second factor and groups, with the actions that get a user back in (or shut every door at once). */
export function SignInPanel({ user, name, canSupport }: { user: Support; name: string; canSupport: boolean }) {
  const fields = { id: user.id, userId: user.id };
  return (
    <SectionCard title="Sign-in">
      <dl className="details-list">
        <dt>Lockout</dt>
        <dd>
          {user.lockedUntil ? (
            <Badge tone="danger">{`Locked until ${formatDateTime(user.lockedUntil)}`}</Badge>
          ) : (
            <Badge tone="success">Not locked</Badge>
          )}
        </dd>
        <dt>Authenticator app</dt>
        <dd>{user.mfaEnrolled ? "Enrolled" : "Not enrolled"}</dd>
        <dt>Groups</dt>
        <dd>{user.groups.join(", ") || "—"}</dd>
      </dl>
      {canSupport ? (
        <div className="row" style={{ marginTop: 16 }}>
          {user.lockedUntil ? (
            <ConfirmAction
              action={unlockUserAction}
              fields={fields}
              label="Unlock"
              title={`Unlock ${name}?`}
              confirmLabel="Unlock"
              variant="primary"
            >
              <p>Their failed attempts are forgotten and they can sign in again at once.</p>
            </ConfirmAction>
          ) : null}
          {user.mfaEnrolled ? (
            <ConfirmAction
              action={resetUserMfaAction}
              fields={fields}
              label="Reset authenticator"
              title={`Reset ${name}'s authenticator?`}
              confirmLabel="Reset authenticator"
            >
              <p>Their app and recovery codes stop working; they enrol a new app at their next sign-in.</p>
            </ConfirmAction>
          ) : null}
          <ConfirmAction
            action={signOutUserEverywhereAction}
            fields={fields}
            label="Sign out everywhere"
            title={`Sign ${name} out everywhere?`}
            confirmLabel="Sign out everywhere"
          >
            <p>Every portal session of theirs ends now, on every device.</p>
          </ConfirmAction>
        </div>
      ) : null}
    </SectionCard>
  );
}

const DESKTOP_COLUMNS: Column<Desktop>[] = [
  {
    id: "name",
    header: "Desktop",
    cell: (desktop) => <Link href={`/console/desktops/${desktop.id}`}>{desktop.name}</Link>,
  },
  { id: "pool", header: "Pool", secondary: true, cell: (desktop) => desktop.pool.name },
  { id: "power", header: "Power", cell: (desktop) => <StatusBadge status={desktop.observedPowerState} /> },
  { id: "session", header: "Session", secondary: true, cell: (desktop) => humanize(desktop.sessionState) },
];

export function DesktopsPanel({ user, canOperate }: { user: Support; canOperate: boolean }) {
  return (
    <SectionCard title="Desktops">
      {user.desktops.length ? (
        <DataTable
          label="Desktops held"
          columns={DESKTOP_COLUMNS}
          rows={user.desktops}
          actions={
            canOperate
              ? (desktop) => (
                  <ConfirmAction
                    action={restartDesktopAction}
                    fields={{ id: desktop.id, userId: user.id }}
                    label="Restart"
                    title={`Restart ${desktop.name}?`}
                    confirmLabel="Restart desktop"
                    variant="primary"
                  >
                    <p>Unsaved work on the desktop is lost; the user stays assigned to it.</p>
                  </ConfirmAction>
                )
              : undefined
          }
        />
      ) : (
        <p className="muted">No desktop is assigned to this user.</p>
      )}
    </SectionCard>
  );
}

const SESSION_COLUMNS: Column<Session>[] = [
  { id: "desktop", header: "Desktop", cell: (session) => session.desktopName || "Deleted desktop" },
  ...sessionFactColumns<Session>(),
];

/** Disconnect and end for an open session; the user page and the sessions list both offer them. */
export function SessionActions({
  session,
  userId,
}: {
  session: Pick<Session, "id" | "state" | "desktopName">;
  userId: string | null;
}) {
  if (session.state === "ENDED") return null;
  const fields = { id: session.id, userId: userId ?? "" };
  return (
    <div className="row">
      {session.state === "DISCONNECTED" ? null : (
        <ConfirmAction
          action={disconnectSessionAction}
          fields={fields}
          label="Disconnect"
          title="Disconnect this session?"
          confirmLabel="Disconnect"
          variant="primary"
        >
          <p>The user stays signed in on {session.desktopName} and can reconnect.</p>
        </ConfirmAction>
      )}
      <ConfirmAction
        action={endSessionAction}
        fields={fields}
        label="End session"
        title="End this session?"
        confirmLabel="End session"
      >
        <p>The user is signed out of {session.desktopName}; unsaved work there is lost.</p>
      </ConfirmAction>
    </div>
  );
}

export function SessionsPanel({ user, canSupport }: { user: Support; canSupport: boolean }) {
  const open = user.recentSessions.filter((session) => session.state !== "ENDED");
  return (
    <SectionCard title="Sessions">
      {user.recentSessions.length ? (
        <DataTable
          label="Open and recent sessions"
          columns={SESSION_COLUMNS}
          rows={user.recentSessions}
          actions={canSupport ? (session) => <SessionActions session={session} userId={user.id} /> : undefined}
        />
      ) : (
        <p className="muted">No desktop sessions yet.</p>
      )}
      {canSupport && open[0] ? <SessionMessageForm sessionId={open[0].id} userId={user.id} /> : null}
    </SectionCard>
  );
}

const SIGN_IN_COLUMNS: Column<SignIn>[] = [
  { id: "when", header: "When", cell: (event) => formatDateTime(event.createdAt) },
  {
    id: "outcome",
    header: "Outcome",
    cell: (event) => (
      <>
        <StatusBadge status={event.outcome} />
        {event.reason ? <div className="cell-sub">{humanize(event.reason)}</div> : null}
      </>
    ),
  },
  { id: "address", header: "Address", className: "mono", cell: (event) => event.clientIp },
  { id: "method", header: "Method", secondary: true, cell: (event) => humanize(event.providerKind) },
];

export function SignInsPanel({ user }: { user: Support }) {
  return (
    <SectionCard title="Recent sign-ins">
      {user.recentSignIns.length ? (
        <DataTable label="Recent sign-in attempts" columns={SIGN_IN_COLUMNS} rows={user.recentSignIns} />
      ) : (
        <p className="muted">No sign-in attempts recorded.</p>
      )}
    </SectionCard>
  );
}
