using Microsoft.AspNetCore.Diagnostics;

namespace StoriBoard.Gateway.Api;

/// <summary>Every error answers with PROTOCOL.md's body, { "error", "message" }.</summary>
public static class ErrorResponses
{
    public static WebApplication UseStoriBoardErrors(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var (status, body) = failure switch
            {
                BadHttpRequestException bad => (bad.StatusCode, new ErrorBody(
                    bad.StatusCode == 413 ? ErrorCodes.TooLarge : ErrorCodes.Invalid, "The request was malformed.")),
                _ => (500, new ErrorBody("error", "Something went wrong on our side; please try again.")),
            };
            context.Response.StatusCode = status;
            return context.Response.WriteAsJsonAsync(body);
        }));

        // Bodiless answers (401 from authentication, 404 for unknown routes, 400 from binding) get the same shape.
        app.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            var code = response.StatusCode switch
            {
                401 => ErrorCodes.Unauthorized,
                403 => ErrorCodes.Forbidden,
                404 => ErrorCodes.NotFound,
                405 => ErrorCodes.Invalid,
                413 => ErrorCodes.TooLarge,
                415 => ErrorCodes.Invalid,
                _ => ErrorCodes.Invalid,
            };
            await response.WriteAsJsonAsync(new ErrorBody(code, Describe(response.StatusCode)));
        });
        return app;
    }

    private static string Describe(int status) => status switch
    {
        401 => "A valid bearer token is required.",
        403 => "This is not allowed for your role.",
        404 => "There is nothing here.",
        413 => "The request is too large.",
        415 => "Send JSON with Content-Type: application/json.",
        _ => "The request was malformed.",
    };
}
