/**
 * The plugin kind's selector (spec §4.22): `providers` (default all eight) and `paths` of
 * `{organization?, repos?}` (default `[{}]`: every repository; unknown keys in an entry are an error).
 */
import { z } from "zod";
import { entryScopeShape } from "./file-selector.js";
import { pluginProviders } from "./plugin-providers.js";

export const pluginEntrySchema = z.strictObject(entryScopeShape);

export type PluginEntry = z.output<typeof pluginEntrySchema>;

export const pluginSelectorSchema = z.looseObject({
  providers: z
    .array(z.enum(pluginProviders))
    .nullish()
    .transform((value) => value ?? [...pluginProviders]),
  paths: z
    .array(pluginEntrySchema)
    .nullish()
    .transform((value) => value ?? [{ organization: null, repos: null }]),
});

export type PluginSelector = z.output<typeof pluginSelectorSchema>;
