using Vpcep.Emulator.Api;
using Vpcep.Emulator.Contracts;

namespace Vpcep.Emulator.Hosting;

/// <summary>Writes Huawei error bodies, the only way the emulator answers an error.</summary>
internal static class ErrorWriter
{
    public static Task WriteAsync(HttpContext context, HuaweiApiException error)
    {
        RequestContext.SetErrorCode(context, error.ErrorCode);
        context.Response.StatusCode = error.Status;
        if (error.VpcServiceShape)
        {
            return context.Response.WriteAsJsonAsync(new VpcErrorBody(error.ErrorCode, error.Message), EmulatorJsonContext.Default.VpcErrorBody, contentType: null, context.RequestAborted);
        }

        if (error.SmnServiceShape)
        {
            var smn = new SmnErrorBody(RequestContext.GetRequestId(context), error.ErrorCode, error.Message);
            return context.Response.WriteAsJsonAsync(smn, EmulatorJsonContext.Default.SmnErrorBody, contentType: null, context.RequestAborted);
        }

        // The API gateway puts the request id in its error bodies (APIG.* samples of the wire corpus); the VPCEP
        // service's own error bodies are {error_code, error_msg}, with the id in X-Request-Id only.
        string? requestId = error.ErrorCode.StartsWith("APIG", StringComparison.OrdinalIgnoreCase) ? RequestContext.GetRequestId(context) : null;
        var body = new HuaweiErrorBody(error.ErrorCode, error.Message, requestId);
        return context.Response.WriteAsJsonAsync(body, EmulatorJsonContext.Default.HuaweiErrorBody, contentType: null, context.RequestAborted);
    }
}
