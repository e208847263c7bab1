using Jusou.Intake.Persons;
using Jusou.ServiceKit.Gaiji;
using Microsoft.Net.Http.Headers;
using Npgsql;
using Microsoft.OpenApi;

namespace Jusou.Intake.Residency;

/// <summary>A line of the file and what became of it.</summary>
/// <param name="Outcome">open_records_flagged, name_updated, address_updated, resident_again, recorded; already_applied; or
/// for an unmatched line the reason: unknown_atena_number.</param>
public sealed record ResidencyLineResult(int Line, string AtenaNumber, string ChangeCode, string Outcome, Guid? PersonId);

/// <summary>What an import did, line by line: applied, already applied before, unmatched (why), rejected (why).</summary>
public sealed record ResidencyImportReport(
    int Lines, IReadOnlyList<ResidencyLineResult> Applied, IReadOnlyList<ResidencyLineResult> AlreadyApplied,
    IReadOnlyList<ResidencyLineResult> Unmatched, IReadOnlyList<RejectedLine> Rejected);

public static class ResidencyImportEndpoints
{
    public static void MapResidencyImports(this IEndpointRouteBuilder api) =>
        api.MapPost("/residency-changes/imports", Import).RequireRoles(JusouRoles.Manager)
            // Declared for the OpenAPI document only: Accepts<T> would make routing answer 415 before authorization (403).
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The 宛名 system's 住民異動 file: CSV with a header line (宛名番号,異動事由,異動日, optional 氏名,氏名カナ,住所).",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = "宛名番号,異動事由,異動日\n0001234567,転出,2026-11-20\n" },
                    },
                };
                return Task.CompletedTask;
            })
            .WithTags("Persons (本人)").WithName("ImportResidencyChanges")
            .WithSummary("Import 住民異動 from the 宛名 system (CSV, UTF-8 or Shift_JIS): persons are matched by 宛名番号; a move out or a death flags their open records. Idempotent; bad lines are reported and change nothing.");

    private static async Task<Results<Ok<ResidencyImportReport>, ProblemHttpResult>> Import(
        IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType) || contentType.MediaType != "text/csv")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the file as text/csv.",
                detail: "Content-Type: text/csv; charset=utf-8 (or charset=shift_jis for a file from the 宛名 system).");
        }
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > ResidencyFile.MaxBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.",
                detail: $"Send at most {ResidencyFile.MaxBytes / 1024 / 1024} MB per import; split a larger export by date.");
        }
        if (!ResidencyFile.TryDecode(buffer.ToArray(), contentType.Charset.Value, out var text, out var encodingError))
        {
            return Problems.BadRequest(encodingError!);
        }
        var (rows, rejectedLines, fileError) = ResidencyFile.Read(text);
        if (fileError is not null) return Problems.BadRequest(fileError);

        // Two imports of overlapping files at once: the second to commit meets the first's rows (the unique index on
        // 宛名番号, 異動事由 and 異動日, or a person's version) and is run again, when those lines are already applied.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Apply(db, http, rows, rejectedLines, clock.GetUtcNow(), cancellationToken);
            }
            catch (Exception exception) when (attempt < 3 && exception is DbUpdateConcurrencyException
                                              or DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<Ok<ResidencyImportReport>> Apply(IntakeDbContext db, HttpContext http, IReadOnlyList<ResidencyRow> rows,
        IReadOnlyList<RejectedLine> rejectedLines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rejected = rejectedLines.ToList();
        var importedBy = http.User.SubjectId();
        var applied = new List<ResidencyLineResult>();
        var alreadyApplied = new List<ResidencyLineResult>();
        var unmatched = new List<ResidencyLineResult>();
        var atenaNumbers = rows.Select(r => r.AtenaNumber).Distinct().ToList();
        var persons = await db.Persons.Where(p => p.AtenaNumber != null && atenaNumbers.Contains(p.AtenaNumber)).ToListAsync(cancellationToken);
        var done = (await db.ResidencyChanges.AsNoTracking().Where(c => atenaNumbers.Contains(c.AtenaNumber))
                .Select(c => new { c.AtenaNumber, c.ChangeCode, c.EffectiveOn }).ToListAsync(cancellationToken))
            .Select(c => (c.AtenaNumber, c.ChangeCode, c.EffectiveOn)).ToHashSet();

        foreach (var row in rows)
        {
            // A new name may hold a 外字 only when the municipality registered it, as everywhere a name is written.
            var names = new Validation();
            await names.CheckGaiji(db, "氏名", row.Name, cancellationToken);
            await names.CheckGaiji(db, "氏名カナ", row.NameKana, cancellationToken);
            if (!names.IsValid)
            {
                rejected.Add(new RejectedLine(row.Line, names.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")).ToList()));
                continue;
            }
            if (!done.Add((row.AtenaNumber, row.ChangeCode, row.EffectiveOn)))
            {
                alreadyApplied.Add(new ResidencyLineResult(row.Line, row.AtenaNumber, row.ChangeCode, "already_applied", null));
                continue;
            }
            var holder = persons.FirstOrDefault(p => p.AtenaNumber == row.AtenaNumber);
            if (holder is null)
            {
                done.Remove((row.AtenaNumber, row.ChangeCode, row.EffectiveOn)); // a later import may match it
                unmatched.Add(new ResidencyLineResult(row.Line, row.AtenaNumber, row.ChangeCode, "unknown_atena_number", null));
                continue;
            }
            // A record merged into another is that person: the change applies to the survivor (merges keep every
            // merged record pointing at the last survivor, so one hop is enough).
            var person = holder.MergedIntoId is { } survivorId
                ? persons.FirstOrDefault(p => p.Id == survivorId) ?? await db.Persons.FirstAsync(p => p.Id == survivorId, cancellationToken)
                : holder;
            var outcome = ResidencyChange.Apply(db, person, row, now);
            db.ResidencyChanges.Add(new ResidencyChange
            {
                PersonId = person.Id, AtenaNumber = row.AtenaNumber, ChangeCode = row.ChangeCode, EffectiveOn = row.EffectiveOn,
                ImportedAt = now, ImportedBy = importedBy,
            });
            db.AuditEntries.Add(AuditEntry.For(http, "residency_change", "person", person.Id));
            applied.Add(new ResidencyLineResult(row.Line, row.AtenaNumber, row.ChangeCode, outcome, person.Id));
        }
        // One transaction: a file is applied whole or not at all (a failure here leaves nothing half done).
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ResidencyImportReport(rows.Count + rejectedLines.Count, applied, alreadyApplied, unmatched,
            rejected.OrderBy(r => r.Line).ToList()));
    }
}
