import { redirect } from "next/navigation";
import { getViewer, homePathFor } from "@/lib/viewer";

export const dynamic = "force-dynamic";

export default async function Home() {
  redirect(homePathFor(await getViewer()));
}
