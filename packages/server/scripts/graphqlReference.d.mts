/** Where the schema and the generated page live. */
export function graphqlReferencePaths(): { schemaFile: string; pageFile: string };
/** The generated part of the page for a schema in SDL. */
export function renderGraphqlReference(sdl: string): string;
/** The page with its generated part replaced by the reference of `sdl`. */
export function renderGraphqlReferencePage(page: string, sdl: string): string;
