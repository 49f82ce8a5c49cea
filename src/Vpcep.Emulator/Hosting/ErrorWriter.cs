using Microsoft.AspNetCore.Http;
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

        var body = new HuaweiErrorBody(error.ErrorCode, error.Message, RequestContext.GetRequestId(context));
        return context.Response.WriteAsJsonAsync(body, EmulatorJsonContext.Default.HuaweiErrorBody, contentType: null, context.RequestAborted);
    }
}
