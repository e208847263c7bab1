using System.Net;
using System.Net.Http.Json;

namespace Jusou.Tests.Infrastructure;

/// <summary>
/// Referrals (相談受付 referred to 多機関協働) posted through the gateway as a departmental system would: each with its
/// own Idempotency-Key, retried with that key after an error answer, a dropped connection or 20 s without an answer,
/// until it is accepted. Records every answer that was not an acceptance.
/// </summary>
public sealed class ReferralStream(HttpClient client, CancellationToken cancellation)
{
    private readonly Lock _lock = new();

    public List<Guid> Accepted { get; } = [];
    public int Attempts { get; private set; }

    /// <summary>Each refusal's status with its Retry-After (e.g. "503 Retry-After=2", "429 Retry-After=1").</summary>
    public List<string> Refusals { get; } = [];

    /// <summary>
    /// Every refusal that was not "unavailable, try again" (503 or 429 with Retry-After), with its problem's title,
    /// correlation id and trace id: what to look for in the services' logs.
    /// </summary>
    public List<string> Unexpected { get; } = [];

    /// <summary>Attempts that got no answer at all (connection failed, or the client stopped waiting).</summary>
    public int Unanswered { get; private set; }

    public async Task Post(int count)
    {
        for (var i = 0; i < count; i++) await PostOne(Guid.NewGuid().ToString());
    }

    private async Task PostOne(string key)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            lock (_lock) Attempts++;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/consultations")
            {
                Content = JsonContent.Create(new { channel = "phone", mainConcern = "debt", disposition = "multi_agency", sharingRule = "support_meeting" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            attempt.CancelAfter(TimeSpan.FromSeconds(20));
            try
            {
                using var response = await client.SendAsync(request, attempt.Token);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var id = (await response.ReadObject())["id"]!.GetValue<Guid>();
                    lock (_lock) Accepted.Add(id);
                    return;
                }
                var refusal = $"{(int)response.StatusCode} Retry-After={response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString() ?? "none"}";
                lock (_lock) Refusals.Add(refusal);
                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests) || response.Headers.RetryAfter is null)
                {
                    var body = await response.Content.ReadAsStringAsync(cancellation);
                    var correlation = response.Headers.TryGetValues("X-Correlation-Id", out var values) ? string.Join(",", values) : "none";
                    lock (_lock) Unexpected.Add($"{refusal} at {DateTimeOffset.UtcNow:HH:mm:ss.fff} X-Correlation-Id={correlation} {body[..Math.Min(body.Length, 400)]}");
                }
                await Task.Delay(response.Headers.RetryAfter?.Delta is { } wait && wait < TimeSpan.FromSeconds(5) ? wait : TimeSpan.FromMilliseconds(200), cancellation);
            }
            catch (Exception exception) when (exception is HttpRequestException
                                              || (exception is TaskCanceledException && !cancellation.IsCancellationRequested))
            {
                lock (_lock) Unanswered++;
                await Task.Delay(200, cancellation);
            }
        }
    }

    public string Summary() =>
        $"accepted {Accepted.Count} in {Attempts} attempts; refused: {string.Join(", ", Refusals.GroupBy(r => r).Select(g => $"{g.Key} ×{g.Count()}"))}; unanswered: {Unanswered}";
}
