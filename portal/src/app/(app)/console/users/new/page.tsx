import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/viewer";
import { UserCreateForm } from "./user-create-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New user" };

export default async function NewUserPage() {
  await requirePermission("users:write");
  return (
    <>
      <PageHeader title="New user" crumbs={[{ href: "/console/users", label: "Users" }]} />
      <div className="card">
        <div className="card-body">
          <UserCreateForm />
        </div>
      </div>
    </>
  );
}
