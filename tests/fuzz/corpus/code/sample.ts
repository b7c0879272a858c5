import { readFile } from "node:fs/promises";

export interface Question {
  id: number;
  text: string;
  votes?: number;
}

/** The most voted question, if any. */
export async function top(path: string): Promise<Question | undefined> {
  const items = JSON.parse(await readFile(path, "utf8")) as Question[];
  return items.sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0))[0];
}
