import path from "node:path";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The monorepo root holds the lockfile; tell Turbopack so it does not guess.
  turbopack: { root: path.resolve(process.cwd(), "..") },
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() renders app/forbidden.tsx with a 403 for pages a role may not open.
  experimental: { authInterrupts: true },
};

export default nextConfig;
