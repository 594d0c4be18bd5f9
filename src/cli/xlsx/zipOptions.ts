/**
 * Deflate level for the packages we write: level 1 compresses a NAV history
 * nearly as well as the default 6 at a fraction of the time (large trusts
 * hold 100k+ rows), and every reader inflates any level alike.
 */
export const ZIP_OPTIONS = { compression: "DEFLATE", compressionOptions: { level: 1 } } as const;
