/**
 * The folder kind's selector (spec §4.19). Ocean forbids unknown keys in it and in its `folders[]` and
 * `repos[]` entries.
 */
import { z } from "zod";
import { entryScopeShape, includedFilesSchema } from "./file-selector.js";

export const folderEntrySchema = z.strictObject({
  /** Glob of folder paths; `""` and `"*"` mean every top-level folder. */
  path: z.string().trim().default("*"),
  ...entryScopeShape,
  /** Paths read relative to each matched folder into `folder.__includedFiles`. */
  includedFiles: includedFilesSchema,
});

export type FolderEntry = z.output<typeof folderEntrySchema>;

export const folderSelectorSchema = z.strictObject({
  query: z.unknown().optional(),
  exportEnvVariables: z.unknown().optional(),
  folders: z.array(folderEntrySchema),
  /** Paths read from the repository root into `__includedFiles` (keyed as written). */
  includedFiles: includedFilesSchema,
});

export type FolderSelector = z.output<typeof folderSelectorSchema>;
