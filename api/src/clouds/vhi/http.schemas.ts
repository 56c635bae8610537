import { z } from "zod";

/**
 * OpenStack services disagree on error bodies (see openstack-recorded/README.md §6); each shape below is one of them.
 * Parsed leniently: an error body that matches none of them falls back to the raw text.
 */

/** Keystone and keystonemiddleware (on Nova, Neutron): `{"error": {"code": 401, "title": …, "message": …}}`. */
export const keystoneErrorBodySchema = z.object({
  error: z.object({ message: z.string(), title: z.string().optional() }),
});

/** Neutron: `{"NeutronError": {"type": …, "message": …, "detail": …}}`. */
export const neutronErrorBodySchema = z.object({
  NeutronError: z.object({ message: z.string(), type: z.string().optional() }),
});

/** Glance: `{"message": "…<br /><br />", "code": "404 Not Found", "title": …}` (code is a string). */
export const glanceErrorBodySchema = z.object({ message: z.string(), title: z.string().optional() });

/** Nova and Cinder: `{"<kind>": {"code": 409, "message": …}}`, kind being badRequest, itemNotFound, … */
export const faultKindErrorBodySchema = z.record(
  z.string(),
  z.object({ message: z.string(), code: z.union([z.number(), z.string()]).optional() }),
);
