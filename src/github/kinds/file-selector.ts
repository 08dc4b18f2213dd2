/**
 * The file kind's selector (spec §4.20). Ocean forbids unknown keys in it and in its `files[]` and
 * `repos[]` entries, so a typo is a mapping error rather than an ignored option.
 */
import { z } from "zod";
import { repositoryPathsSchema } from "./repository-paths.js";

/** `repos[]` of a folder, file, skill or plugin entry: a repository name and optionally its branch. */
export const repositoryRefSchema = z.strictObject({
  name: z.string().min(1, "a repository name must not be empty"),
  branch: z
    .string()
    .min(1)
    .nullish()
    .transform((value) => value ?? null),
});

/** The keys every entry of the file-like kinds shares: which account and repositories it covers. */
export const entryScopeShape = {
  organization: z
    .string()
    .min(1)
    .nullish()
    .transform((value) => value ?? null),
  repos: z
    .array(repositoryRefSchema)
    .nullish()
    .transform((value) => value ?? null),
};

export const includedFilesSchema = repositoryPathsSchema;

export const fileEntrySchema = z.strictObject({
  path: z.string().trim().min(1, "a file glob must not be empty"),
  ...entryScopeShape,
  skipParsing: z.boolean().default(false),
  validationCheck: z.boolean().default(false),
});

export type FileEntry = z.output<typeof fileEntrySchema>;

export const fileSelectorSchema = z.strictObject({
  /** Ocean's own keys, evaluated by the engine; accepted so the strict check does not reject them. */
  query: z.unknown().optional(),
  exportEnvVariables: z.unknown().optional(),
  files: z.array(fileEntrySchema),
  /** Paths read next to each file (relative to its directory) into `__includedFiles`. */
  includedFiles: includedFilesSchema,
});

export type FileSelector = z.output<typeof fileSelectorSchema>;
