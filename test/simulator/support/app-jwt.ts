import { sign } from "node:crypto";

/** A GitHub App JWT signed RS256 with `privateKey`, with the claims given (defaults: as Octokit makes them). */
export function appJwt(
  privateKey: string,
  claims: { iss: string | number; iat?: number; exp?: number },
  nowSeconds: number = Math.floor(Date.now() / 1000),
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const iat = claims.iat ?? nowSeconds - 30;
  const body = `${encode({ alg: "RS256", typ: "JWT" })}.${encode({ iat, exp: claims.exp ?? iat + 600, iss: claims.iss })}`;
  return `${body}.${sign("sha256", Buffer.from(body), privateKey).toString("base64url")}`;
}
