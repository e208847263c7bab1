using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// Optimistic concurrency on the wire (docs/architecture.md#http): a record's row version travels as its ETag; a change must
/// send it back in If-Match. No If-Match is 428, a stale one 412.
/// </summary>
public static class ETags
{
    public static string Of(uint version) => $"\"{version}\"";

    public static void Set(HttpContext http, uint version) => http.Response.Headers.ETag = Of(version);

    /// <summary>
    /// Reads If-Match: the row version the caller read, or <c>*</c> (RFC 9110: any current version — the caller only
    /// asks that the record exists). Otherwise says which problem to answer.
    /// </summary>
    public static bool TryReadIfMatch(HttpContext http, out IfMatch version, out ProblemHttpResult? problem)
    {
        version = default;
        problem = null;
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            problem = TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match is required.", detail: "Send the ETag of the version you read, so a concurrent change is not overwritten.");
            return false;
        }
        if (header == "*")
        {
            version = IfMatch.Any;
            return true;
        }
        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (!uint.TryParse(text.Trim('"'), out var number))
        {
            problem = Stale();
            return false;
        }
        version = new IfMatch(number);
        return true;
    }

    public static ProblemHttpResult Stale() => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
        title: "The record has changed since you read it.", detail: "Read it again, apply your change to the new version and resend.");
}

/// <summary>What If-Match asked for: one row version (<see cref="Version"/>), or any (<c>*</c>: null).</summary>
public readonly record struct IfMatch(uint? Version)
{
    public static readonly IfMatch Any = new(null);

    /// <summary>Does a record now at <paramref name="current"/> satisfy the precondition?</summary>
    public bool Matches(uint current) => Version is not { } wanted || wanted == current;
}

/// <summary>Problems a handler answers itself, each with a title a caller can act on.</summary>
public static class Problems
{
    /// <summary>409: the request is valid but the record's state does not allow it now.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the record's state.", detail: detail);

    /// <summary>400: the request (a file, a body that is not JSON) cannot be read; the detail says what to send instead.</summary>
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request cannot be read.", detail: detail);

    /// <summary>422: understood, but a rule forbids it (e.g. sharing without consent).</summary>
    public static ProblemHttpResult Refused(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail);
}
