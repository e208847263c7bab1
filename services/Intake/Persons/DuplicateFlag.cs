using Jusou.Intake.Codes;

namespace Jusou.Intake.Persons;

/// <summary>
/// Two person records that may be the same resident, waiting for a person to decide. Never merged silently:
/// a reviewer dismisses the flag or merges the records.
/// </summary>
[PartOfPersonalDataFile(typeof(Person))]
public sealed class DuplicateFlag : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid PersonId { get; init; }
    public Guid CandidateId { get; init; }
    /// <summary><see cref="IntakeCodes.DuplicateReasons"/></summary>
    public string Reason { get; init; } = "";
    /// <summary>open, dismissed or merged.</summary>
    public string Status { get; set; } = IntakeCodes.DuplicateFlagStatus.Open;
    public DateTimeOffset FlaggedAt { get; init; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<DuplicateFlag>(flag =>
    {
        flag.ToTable("duplicate_flags");
        flag.Property(f => f.Reason).HasMaxLength(40);
        flag.Property(f => f.Status).HasMaxLength(20);
        flag.HasIndex(f => new { f.TenantCode, f.Status });
        flag.HasIndex(f => new { f.PersonId, f.CandidateId }).IsUnique();
    });
}

/// <summary>Finds records that may be the same resident as a new or changed one.</summary>
public static class DuplicateCheck
{
    /// <summary>
    /// Same birth date and the same kana or the same name, or a kana one edit away (a typo, ヨ/ョ): flagged. Without
    /// a birth date nothing is flagged: too many residents share a name.
    /// </summary>
    public static async Task<List<DuplicateFlag>> FlagAsync(IntakeDbContext db, Person person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (person.BirthDate is null) return [];
        var sameBirthDate = await db.Persons.AsNoTracking()
            .Where(p => p.BirthDate == person.BirthDate && p.Id != person.Id && p.Status == IntakeCodes.PersonStatus.Active)
            .Select(p => new { p.Id, p.NameKey, p.KanaKey })
            .ToListAsync(cancellationToken);
        var alreadyFlagged = await db.DuplicateFlags.AsNoTracking()
            .Where(f => f.PersonId == person.Id || f.CandidateId == person.Id)
            .Select(f => f.PersonId == person.Id ? f.CandidateId : f.PersonId)
            .ToListAsync(cancellationToken);

        var flags = new List<DuplicateFlag>();
        foreach (var candidate in sameBirthDate.Where(c => !alreadyFlagged.Contains(c.Id)))
        {
            string? reason =
                person.KanaKey.Length > 0 && candidate.KanaKey == person.KanaKey ? "same_kana_and_birth_date"
                : person.NameKey.Length > 0 && candidate.NameKey == person.NameKey ? "same_name_and_birth_date"
                : person.KanaKey.Length > 0 && candidate.KanaKey.Length > 0 && EditDistance(candidate.KanaKey, person.KanaKey) <= 1
                    ? "similar_kana_same_birth_date"
                : null;
            if (reason is null) continue;
            flags.Add(new DuplicateFlag { PersonId = person.Id, CandidateId = candidate.Id, Reason = reason, FlaggedAt = now });
        }
        db.DuplicateFlags.AddRange(flags);
        return flags;
    }

    /// <summary>Levenshtein distance, enough for short kana keys.</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
