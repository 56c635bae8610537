import type { TypedDocumentString } from "@/generated/graphql";
import type { ClientProof } from "./client-proof";
import { ApiError, type ApiErrorShape, toApiError } from "./graphql-errors";

export interface ExecuteOptions {
  accessToken?: string | null;
  /** The portal server's signed statement of the browser's address, for calls made on a browser's behalf. */
  client?: ClientProof;
}

export function apiUrl(): string {
  return process.env.ATRIUM_API_URL ?? "http://127.0.0.1:4000/graphql";
}

/** Posts one typed operation to the API and returns its data, or throws ApiError with the API's own code. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: ExecuteOptions = {},
): Promise<TResult> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  Object.assign(headers, options.client);
  let response: Response;
  try {
    response = await fetch(apiUrl(), {
      method: "POST",
      headers,
      body: JSON.stringify({ query: document.toString(), variables }),
      cache: "no-store",
    });
  } catch {
    throw new ApiError("UNAVAILABLE", "The Atrium API cannot be reached. Try again in a moment.");
  }
  let body: { data?: TResult | null; errors?: ApiErrorShape[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError("UNAVAILABLE", `The Atrium API answered with HTTP ${response.status}.`);
  }
  if (body.errors?.length) throw toApiError(body.errors);
  if (!body.data) throw new ApiError("INTERNAL_SERVER_ERROR", "The API returned no data");
  return body.data;
}
