using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Jusou.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Jusou.ServiceKit.Privacy;

namespace Jusou.ServiceKit.Http;

/// <summary>
/// The first answer to a POST sent with an Idempotency-Key, kept so that a client retrying after a timeout gets the
/// same answer instead of a second record. Stored in the same transaction as the change it answers for.
/// </summary>
[PersonalDataFile("再送応答控え (Idempotency-Key)", "通信障害時に同じ依頼が二重に記録されないよう、最初の応答を再送のために控える",
    "7日 (Privacy:Retention:idempotent_requests:Days で設定、保存期間の消去 (purge) で削除)",
    Subjects = "応答に含まれる住民", Sources = "各APIの応答")]
public sealed class IdempotentRequest : ITenantOwned
{
    public string TenantCode { get; set; } = "";
    public string Key { get; init; } = "";
    /// <summary>SHA-256 of method, path and body: the same key with another request is an error, not a replay.</summary>
    public string RequestHash { get; init; } = "";
    public int StatusCode { get; init; }
    public string? Location { get; init; }
    public string ResponseBody { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<IdempotentRequest>(request =>
    {
        request.ToTable("idempotent_requests");
        request.HasKey(r => new { r.TenantCode, r.Key });
        request.Property(r => r.Key).HasMaxLength(Idempotency.MaxKeyLength);
        request.Property(r => r.RequestHash).HasMaxLength(64);
        request.Property(r => r.Location).HasMaxLength(400);
        request.Property(r => r.ResponseBody).HasColumnType("jsonb");
    });
}

/// <summary>
/// Idempotency-Key on POST (docs/architecture.md#http): <c>.WithIdempotency&lt;TDbContext&gt;()</c> on an endpoint runs it inside
/// one transaction together with the record of its answer; a repeat of the key replays that answer (with the header
/// Idempotent-Replayed: true); the key reused for a different request is 422.
/// </summary>
public static class Idempotency
{
    public const string HeaderName = ServiceDefaultsExtensions.IdempotencyKeyHeader;
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 100;

    public static RouteHandlerBuilder WithIdempotency<TDbContext>(this RouteHandlerBuilder endpoint)
        where TDbContext : ServiceDbContext =>
        endpoint.WithMetadata(new Jusou.ServiceDefaults.Http.IdempotencyKeyMetadata()).AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            var key = http.Request.Headers[HeaderName].ToString();
            if (key.Length == 0) return await next(invocation);
            if (key.Length > MaxKeyLength || key.Any(char.IsControl))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [HeaderName] = [$"{HeaderName} must be 1–{MaxKeyLength} printable characters."],
                });
            }

            var db = http.RequestServices.GetRequiredService<TDbContext>();
            var hash = await Fingerprint(http);
            if (await Find(db, key) is { } earlier) return Replay(earlier, hash);

            await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
            var result = await next(invocation);
            if (Unwrap(result) is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
            {
                return result; // failures changed nothing and are not remembered: a retry runs again
            }

            db.IdempotentRequests.Add(new IdempotentRequest
            {
                Key = key,
                RequestHash = hash,
                StatusCode = success.StatusCode!.Value,
                Location = LocationOf(success),
                ResponseBody = JsonSerializer.Serialize((success as IValueHttpResult)?.Value,
                    http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions),
                CreatedAt = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(http.RequestAborted);
                await transaction.CommitAsync(http.RequestAborted);
                return result;
            }
            catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same key raced us and won: undo our copy and answer as the winner did.
                await transaction.RollbackAsync(http.RequestAborted);
                db.ChangeTracker.Clear();
                return Replay((await Find(db, key))!, hash);
            }
        });

    private static Task<IdempotentRequest?> Find(ServiceDbContext db, string key) =>
        db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key);

    private static IResult Replay(IdempotentRequest earlier, string hash)
    {
        if (earlier.RequestHash != hash)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused for a different request.",
                detail: "Each Idempotency-Key stands for one request; send a new key for a new request.");
        }
        return new ReplayedResult(earlier);
    }

    private static async Task<string> Fingerprint(HttpContext http)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n"));
        if (http.Request.Body.CanSeek)
        {
            http.Request.Body.Position = 0;
            var buffer = new byte[8192];
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static object? Unwrap(object? result) => result is INestedHttpResult nested ? Unwrap(nested.Result) : result;

    // Created<T> and CreatedAtRoute<T> expose Location without a shared interface.
    private static string? LocationOf(object result) =>
        result.GetType().GetProperty("Location", BindingFlags.Public | BindingFlags.Instance)?.GetValue(result) as string;

    private sealed class ReplayedResult(IdempotentRequest earlier) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = earlier.StatusCode;
            httpContext.Response.Headers[ReplayedHeader] = "true";
            if (earlier.Location is not null) httpContext.Response.Headers.Location = earlier.Location;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await httpContext.Response.WriteAsync(earlier.ResponseBody);
        }
    }
}
