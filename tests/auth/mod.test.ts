import assert from "node:assert/strict";
import {
  ANONYMOUS,
  AuthConfigError,
  type AuthMode,
  createAuthenticator,
} from "../../lib/auth/mod.ts";
import { Secret } from "../../lib/config/secret.ts";
import { captureLogger, mcpRequest } from "./helpers.ts";

Deno.test("createAuthenticator: the mode selects the authenticator", () => {
  const logger = captureLogger();
  const modes: [AuthMode, ReturnType<typeof createAuthenticator>][] = [
    [
      "api-key",
      createAuthenticator({ mode: "api-key", apiKey: new Secret("k".repeat(32)), algorithms: [] }, {
        logger,
      }),
    ],
    [
      "jwt",
      createAuthenticator({
        mode: "jwt",
        jwksUri: "https://idp.example.test/jwks",
        audience: "a",
        algorithms: ["ES256"],
      }, { logger }),
    ],
    [
      "zscaler",
      createAuthenticator({
        mode: "zscaler",
        tokenUrl: "https://acme.zslogin.net/oauth2/v1/token",
        algorithms: [],
      }, { logger }),
    ],
    ["none", createAuthenticator({ mode: "none", algorithms: [] }, { logger })],
  ];
  for (const [mode, authenticator] of modes) assert.equal(authenticator.mode, mode);
  assert.deepEqual(logger.lines, []);
});

Deno.test("none: every request is the anonymous principal", async () => {
  const authenticator = createAuthenticator({ mode: "none", algorithms: [] }, {
    logger: captureLogger(),
  });
  const attempts: Record<string, string>[] = [{}, { Authorization: "Bearer whatever" }];
  for (const headers of attempts) {
    const outcome = await authenticator.authenticate(mcpRequest(headers));
    assert.deepEqual(outcome, { ok: true, principal: { mode: "none", id: "anonymous" } });
  }
  assert.equal(ANONYMOUS.id, "anonymous");
});

Deno.test("createAuthenticator: an unknown mode is a typed error", () => {
  assert.throws(
    () =>
      createAuthenticator({ mode: "oidc" as AuthMode, algorithms: [] }, {
        logger: captureLogger(),
      }),
    (error: unknown) =>
      error instanceof AuthConfigError && error.setting === "ZSCALER_MCP_AUTH_MODE",
  );
});

Deno.test("AuthConfigError messages never contain the key", () => {
  try {
    createAuthenticator({ mode: "jwt", apiKey: new Secret("sekrit-sekrit"), algorithms: [] }, {
      logger: captureLogger(),
    });
    assert.fail("expected an error");
  } catch (error) {
    assert.ok(error instanceof AuthConfigError);
    assert.ok(!error.message.includes("sekrit"));
  }
});
