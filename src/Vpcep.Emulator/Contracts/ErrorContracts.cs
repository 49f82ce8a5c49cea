namespace Vpcep.Emulator.Contracts;

/// <summary>Huawei's error body: <c>{"error_code","error_msg"}</c>, plus <c>"request_id"</c> when the API gateway answers.</summary>
public sealed record HuaweiErrorBody(string ErrorCode, string ErrorMsg, string? RequestId);

/// <summary>The VPC service's error body: <c>{"code","message"}</c>, the request id only in <c>X-Request-Id</c>.</summary>
public sealed record VpcErrorBody(string Code, string Message);
