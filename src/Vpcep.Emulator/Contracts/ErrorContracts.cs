namespace Vpcep.Emulator.Contracts;

/// <summary>Huawei's error body: <c>{"error_code","error_msg","request_id"}</c>.</summary>
public sealed record HuaweiErrorBody(string ErrorCode, string ErrorMsg, string RequestId);
