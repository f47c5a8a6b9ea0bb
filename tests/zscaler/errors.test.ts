import assert from "node:assert/strict";
import {
  cleanText,
  hintForStatus,
  parseErrorBody,
  ZscalerApiError,
  ZscalerAuthError,
  ZscalerConfigError,
  ZscalerError,
  ZscalerNetworkError,
  ZscalerRequestError,
  ZscalerTimeoutError,
} from "../../lib/zscaler/mod.ts";

Deno.test("parseErrorBody: code|id|errorCode|title|msgId and message|reason|errorDetails|errorMessage|detail", () => {
  assert.deepEqual(parseErrorBody({ code: "RESOURCE_NOT_FOUND", message: "Resource not found" }), {
    code: "RESOURCE_NOT_FOUND",
    message: "Resource not found",
  });
  assert.deepEqual(parseErrorBody({ code: "EDIT_LOCK_NOT_AVAILABLE" }), {
    code: "EDIT_LOCK_NOT_AVAILABLE",
  });
  assert.deepEqual(parseErrorBody({ message: "Request body is invalid." }), {
    message: "Request body is invalid.",
  });
  assert.deepEqual(
    parseErrorBody({
      exception: "invalid.toomanyrequests",
      id: "invalid.toomanyrequests",
      reason: "Exceeded the number of requests allowed.",
    }),
    { code: "invalid.toomanyrequests", message: "Exceeded the number of requests allowed." },
  );
  assert.deepEqual(
    parseErrorBody({ title: "INVALID_FIELD_VALUE", errorCode: null, errorMessage: "bad" }),
    {
      code: "INVALID_FIELD_VALUE",
      message: "bad",
    },
  );
  assert.deepEqual(parseErrorBody({ detail: "unauthorized", type: "", title: "", status: "" }), {
    message: "unauthorized",
  });
  assert.deepEqual(parseErrorBody({ errorCode: 1001, errorDetails: ["a", { b: 1 }] }), {
    code: "1001",
    message: 'a; {"b":1}',
  });
  assert.deepEqual(parseErrorBody({ msgId: "M1", id: "", code: "" }), { code: "M1" });
  assert.deepEqual(parseErrorBody("404 Not Found"), { message: "404 Not Found" });
  assert.deepEqual(parseErrorBody([1, 2]), {});
  assert.deepEqual(parseErrorBody(undefined), {});
});

Deno.test("cleanText strips control characters and truncates", () => {
  assert.equal(cleanText("a\u0000b\nc\u001b[31m"), "a b c [31m");
  assert.equal(cleanText("x".repeat(400)).length, 301);
});

Deno.test("ZscalerApiError messages say what failed, the status and what to do next", () => {
  const e = new ZscalerApiError({
    service: "zpa",
    method: "DELETE",
    path: "/zpa/x/1",
    status: 404,
    code: "resource.not.found",
    upstreamMessage: "No resource exists",
  });
  assert.equal(
    e.message,
    "ZPA DELETE /zpa/x/1 failed: HTTP 404 resource.not.found: No resource exists. Check the id: the object may not exist, may have been deleted, or belongs to another service",
  );
  assert.equal(e.toSafeString(), e.message);
  assert.ok(e instanceof ZscalerError);
  assert.equal(e.name, "ZscalerApiError");
  const json = e.toJSON();
  assert.equal(json.status, 404);
  assert.equal("stack" in json, false);

  const limited = new ZscalerApiError({ status: 429, retryAfterSeconds: 4 });
  assert.match(limited.message, /Rate limited: retry after 4 s/);
  const unknown = new ZscalerApiError({
    status: 500,
    method: "POST",
    path: "/zia/api/v1/x",
    outcomeUnknown: true,
  });
  assert.match(
    unknown.message,
    /may or may not have been applied: check the tenant before retrying/,
  );
});

Deno.test("hintForStatus covers the documented statuses and codes", () => {
  assert.match(hintForStatus(401), /client id and secret.*scopes/);
  assert.match(hintForStatus(403), /not entitled to this service.*role scope/);
  assert.match(hintForStatus(403, "NOT_SUBSCRIBED"), /not subscribed/);
  assert.match(hintForStatus(403, "SCOPE_LIMITED"), /role scope/);
  assert.match(hintForStatus(403, "STATE_READONLY"), /read-only/);
  assert.match(hintForStatus(404), /Check the id/);
  assert.match(hintForStatus(409, "EDIT_LOCK_NOT_AVAILABLE"), /edit lock/);
  assert.match(hintForStatus(409, "DUPLICATE_ITEM"), /already exists/);
  assert.match(hintForStatus(429, undefined, false, 2), /retry after 2 s/);
  assert.match(hintForStatus(429), /Rate limited/);
  assert.match(hintForStatus(503), /retry later/);
  assert.match(hintForStatus(400), /check the arguments/);
  assert.match(hintForStatus(302), /redirect/);
});

Deno.test("every error class is a ZscalerError with a safe message and its own name", () => {
  const errors = [
    new ZscalerAuthError("ZIdentity rejected the OneAPI client credentials: HTTP 401", {
      reason: "credentials_rejected",
      status: 401,
      hint: "Check ZSCALER_CLIENT_ID",
    }),
    new ZscalerNetworkError("GET /x failed: network error", { outcomeUnknown: false }),
    new ZscalerTimeoutError("POST /x timed out", { outcomeUnknown: true }),
    new ZscalerRequestError("bad id"),
    new ZscalerConfigError("bad cloud"),
  ];
  const names = errors.map((e) => e.name);
  assert.deepEqual(names, [
    "ZscalerAuthError",
    "ZscalerNetworkError",
    "ZscalerTimeoutError",
    "ZscalerRequestError",
    "ZscalerConfigError",
  ]);
  for (const e of errors) {
    assert.ok(e instanceof ZscalerError);
    assert.ok(!e.toSafeString().includes("    at "));
  }
  assert.equal(
    errors[0]!.message,
    "ZIdentity rejected the OneAPI client credentials: HTTP 401. Check ZSCALER_CLIENT_ID",
  );
  assert.equal((errors[0] as ZscalerAuthError).toJSON().reason, "credentials_rejected");
});
