import Link from "next/link";

export default function NotFound() {
  return (
    <div className="card" style={{ maxWidth: 560, margin: "64px auto" }}>
      <div className="empty">
        <div className="empty-icon" aria-hidden="true">
          ◌
        </div>
        <h1 style={{ fontSize: 18, marginBottom: 6 }}>Not found</h1>
        <p>This page or item does not exist, or it is not part of your organisation.</p>
        <Link className="btn btn-primary" href="/">
          Go to your start page
        </Link>
      </div>
    </div>
  );
}
