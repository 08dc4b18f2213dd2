/** Paths inside a repository, as selectors name the files to read next to an object. */
import { z } from "zod";

/** A file path inside a repository: relative segments could otherwise walk the Contents URL elsewhere. */
export function isRepositoryPath(path: string): boolean {
  if (/[?#\\]/.test(path)) return false;
  return path
    .replace(/^\/+/, "")
    .split("/")
    .every((segment) => segment !== "." && segment !== "..");
}

/** A selector's list of paths inside the repository; left out, none. */
export const repositoryPathsSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1, "a path must not be empty")
      .refine(
        isRepositoryPath,
        "must be a path inside the repository (no `.`/`..` segments, `?`, `#` or `\\`)",
      ),
  )
  .nullish()
  .transform((value) => value ?? []);
