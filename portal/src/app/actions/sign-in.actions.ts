"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { encode } from "next-auth/jwt";
import { signInWithApi } from "@/lib/auth/api-sign-in";
import {
  SESSION_MAX_AGE_SECONDS,
  secureCookiesEnabled,
  sessionCookieName,
  sessionSecret,
} from "@/lib/auth/session-secret";
import { type FormState, formValues, text } from "@/lib/form-state";
import { safeCallbackPath } from "@/lib/routes";

/** Signs in through the API and stores its tokens in the next-auth session cookie (encrypted JWT). */
export async function signInAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await signInWithApi(
    {
      username: text(formData, "username"),
      password: typeof formData.get("password") === "string" ? String(formData.get("password")) : "",
      tenant: text(formData, "tenant").toLowerCase() || null,
    },
    (await headers()).get("x-forwarded-for"),
  );
  if (!outcome.ok) return { status: "error", message: outcome.message, fieldErrors: {}, values: formValues(formData) };
  const { userId, name, ...tokens } = outcome.session;
  const value = await encode({
    token: { sub: userId, name, ...tokens },
    secret: sessionSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  (await cookies()).set(sessionCookieName(), value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookiesEnabled(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  redirect(safeCallbackPath(text(formData, "callbackUrl")));
}
