/** The reason `JSON.parse` gives for text that is not JSON (what the server's 400 must repeat). */
export function jsonParseReason(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}
