import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="card" style={{ maxWidth: 560, margin: "64px auto" }}>
      <div className="empty">
        <div className="empty-icon" aria-hidden="true">
          ⊘
        </div>
        <h1 style={{ fontSize: 18, marginBottom: 6 }}>You do not have access to this page</h1>
        <p>Your role does not include this part of the console. Ask an administrator if you need it.</p>
        <Link className="btn btn-primary" href="/">
          Go to your start page
        </Link>
      </div>
    </div>
  );
}
