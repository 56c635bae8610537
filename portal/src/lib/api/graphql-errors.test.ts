import { describe, expect, it } from "vitest";
import { fieldErrorsOf, toApiError } from "./graphql-errors";

describe("API errors for forms", () => {
  it("maps class-validator failures to the form's field names", () => {
    const error = toApiError([
      {
        message: "Invalid input",
        extensions: {
          code: "BAD_USER_INPUT",
          fields: [
            { field: "input.slug", messages: ["slug must match /^[a-z0-9-]+$/"] },
            { field: "username", messages: ["username must be shorter than or equal to 255 characters"] },
          ],
        },
      },
    ]);
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toBe("Some fields need attention.");
    expect(error.fieldErrors).toEqual({
      slug: "Slug must match /^[a-z0-9-]+$/.",
      username: "Username must be shorter than or equal to 255 characters.",
    });
  });

  it("puts a single-field error from the API next to that field", () => {
    expect(fieldErrorsOf([{ message: "Unknown role", extensions: { code: "BAD_USER_INPUT", field: "role" } }])).toEqual(
      {
        role: "Unknown role",
      },
    );
  });

  it("keeps the API's code and message for other failures", () => {
    const error = toApiError([
      { message: "Something with the same name already exists", extensions: { code: "CONFLICT" } },
    ]);
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: "Something with the same name already exists",
      fieldErrors: {},
    });
  });
});
