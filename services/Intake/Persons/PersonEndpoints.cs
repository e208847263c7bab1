using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Gaiji;
using System.Security.Claims;
using Jusou.Intake.Codes;
using Jusou.Intake.Consultations;

namespace Jusou.Intake.Persons;

/// <summary>A person as a caller sends it: everything optional but a name in some form.</summary>
public sealed record PersonRequest(
    [property: MaxLength(PersonRequest.NameMaxLength)] string? Name = null,
    [property: MaxLength(PersonRequest.NameMaxLength)] string? NameKana = null,
    DateOnly? BirthDate = null,
    string? Sex = null,
    [property: MaxLength(PersonRequest.AddressMaxLength)] string? Address = null,
    [property: MaxLength(Lengths.DistrictCode)] string? DistrictCode = null,
    [property: MaxLength(Lengths.Phone)] string? Phone = null,
    [property: MaxLength(PersonRequest.NotesMaxLength)] string? Notes = null,
    string? AtenaNumber = null)
{
    public const int NameMaxLength = 100;
    public const int AtenaNumberMaxLength = 20;
    public const int AddressMaxLength = 300;
    public const int NotesMaxLength = 4000;

    public Validation Validate(DateTimeOffset now)
    {
        var validation = new Validation().Limits(this)
            .OneOf("sex", Sex, IntakeCodes.Sexes);
        if (AtenaNumber is not null && !IsAtenaNumber(AtenaNumber))
        {
            validation.Add("atenaNumber", $"宛名番号 is 1 to {AtenaNumberMaxLength} ASCII letters or digits, as the 宛名 system writes it.");
        }
        if (string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(NameKana))
        {
            validation.Add("name", "Give the name, its kana reading, or both.");
        }
        if (BirthDate is { } born && (born < new DateOnly(1880, 1, 1) || born > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1))))
        {
            validation.Add("birthDate", "birthDate must be a real date of birth.");
        }
        return validation;
    }

    public static bool IsAtenaNumber(string value) =>
        value.Length is > 0 and <= AtenaNumberMaxLength && value.All(char.IsAsciiLetterOrDigit);

    public void ApplyTo(Person person)
    {
        person.AtenaNumber = AtenaNumber;
        person.Name = Validation.PersonName(Name);
        person.NameKana = Validation.PersonName(NameKana);
        person.BirthDate = BirthDate;
        person.Sex = Sex;
        person.Address = Validation.Normalize(Address);
        person.DistrictCode = DistrictCode;
        person.Phone = Phone;
        person.Notes = Validation.Normalize(Notes);
        person.RefreshSearchKeys();
    }
}

public sealed record PossibleDuplicate(Guid FlagId, Guid PersonId, string Reason);

public sealed record PersonResponse(
    Guid Id, string? Name, string? NameKana, DateOnly? BirthDate, string? Sex, string? Address, string? DistrictCode,
    string? Phone, string? Notes, string Status, Guid? MergedIntoId, DateTimeOffset CreatedAt,
    IReadOnlyList<PossibleDuplicate> PossibleDuplicates, string? AtenaNumber, string ResidentStatus, DateOnly? ResidentStatusOn)
{
    public static PersonResponse From(Person p, IEnumerable<DuplicateFlag>? flags = null) => new(
        p.Id, p.Name, p.NameKana, p.BirthDate, p.Sex, p.Address, p.DistrictCode, p.Phone, p.Notes, p.Status, p.MergedIntoId,
        p.CreatedAt, (flags ?? []).Select(f => new PossibleDuplicate(f.Id, f.PersonId == p.Id ? f.CandidateId : f.PersonId, f.Reason)).ToList(),
        p.AtenaNumber, p.ResidentStatus, p.ResidentStatusOn);
}

public sealed record DuplicateFlagResponse(Guid Id, Guid PersonId, Guid CandidateId, string Reason, string Status, DateTimeOffset FlaggedAt);

public static class PersonEndpoints
{
    /// <summary>
    /// Partner agencies see the persons they recorded and those of consultations visible to them; the city's staff
    /// see every person of their municipality.
    /// </summary>
    public static IQueryable<Person> VisibleTo(this IQueryable<Person> persons, IntakeDbContext db, ClaimsPrincipal user)
    {
        if (!ConsultationEndpoints.IsPartnerAgency(user)) return persons;
        var organisation = user.OrganisationCode() ?? "";
        var consultations = db.Consultations.VisibleTo(db, user);
        return persons.Where(p => p.CreatedByOrganisationCode == organisation || consultations.Any(c => c.PersonId == p.Id));
    }

    public static readonly string[] Users =
        [JusouRoles.IntakeWorker, JusouRoles.Coordinator, JusouRoles.AgencyStaff, JusouRoles.Manager];
    private static readonly string[] Reviewers = [JusouRoles.Coordinator, JusouRoles.Manager];

    public static void MapPersons(this IEndpointRouteBuilder api)
    {
        var persons = api.MapGroup("/persons").WithTags("Persons (本人)").RequireRoles(Users);

        persons.MapPost("/", Create).WithIdempotency<IntakeDbContext>()
            .WithName("CreatePerson")
            .WithSummary("Record a person. Possible duplicates (same kana or name and birth date, near matches) are flagged for review, never merged.");
        persons.MapGet("/", Search)
            .WithName("SearchPersons")
            .WithSummary("Search by name in kanji or kana (width, kana type, spaces and variant kanji do not matter), birth date and 地区.");
        persons.MapGet("/{id:guid}", Get).WithName("GetPerson").WithSummary("Read one person (ETag = version).");
        persons.MapPut("/{id:guid}", Update).RequiresIfMatch().WithName("UpdatePerson").WithSummary("Replace a person's details; needs If-Match.");

        var duplicates = persons.MapGroup("/duplicates");
        duplicates.MapGet("/", ListDuplicates).WithName("ListDuplicateFlags").WithSummary("Possible duplicates awaiting review.");
        duplicates.MapPost("/{flagId:guid}/dismiss", Dismiss).RequireRoles(Reviewers)
            .WithName("DismissDuplicateFlag").WithSummary("Reviewed: not the same resident.");
        persons.MapPost("/{id:guid}/merge", PersonMerge.Merge).RequireRoles(Reviewers)
            .WithName("MergePerson")
            .WithSummary("Reviewed merge: this person's records move to the survivor; the merged record is kept with its history.");
    }

    private static async Task<Results<Created<PersonResponse>, ValidationProblem, ProblemHttpResult>> Create(
        PersonRequest request, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(clock.GetUtcNow());
        await validation.CheckGaiji(db, "name", request.Name, cancellationToken);
        await validation.CheckGaiji(db, "nameKana", request.NameKana, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (await AtenaNumberTakenAsync(db, request.AtenaNumber, null, cancellationToken)) return AtenaNumberConflict(request.AtenaNumber!);

        var person = new Person
        {
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = http.User.SubjectId(),
            CreatedByOrganisationCode = http.User.OrganisationCode(),
        };
        request.ApplyTo(person);
        db.Persons.Add(person);
        var flags = await DuplicateCheck.FlagAsync(db, person, clock.GetUtcNow(), cancellationToken);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "person", person.Id));
        await db.SaveChangesAsync(cancellationToken);

        ETags.Set(http, person.Version);
        return TypedResults.Created($"/api/intake/persons/{person.Id}", PersonResponse.From(person, flags));
    }

    private static async Task<Results<Ok<PersonResponse>, NotFound>> Get(
        Guid id, IntakeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var person = await db.Persons.VisibleTo(db, http.User).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null) return TypedResults.NotFound();

        var flags = await db.DuplicateFlags.AsNoTracking()
            .Where(f => f.Status == IntakeCodes.DuplicateFlagStatus.Open && (f.PersonId == id || f.CandidateId == id)).ToListAsync(cancellationToken);
        await db.AuditReadAsync(http, "person", id, person.Version, cancellationToken: cancellationToken);
        return TypedResults.Ok(PersonResponse.From(person, flags));
    }

    private static async Task<Results<Ok<Page<PersonResponse>>, ValidationProblem>> Search(
        IntakeDbContext db, HttpContext http, string? name, DateOnly? birthDate, string? district, bool? includeMerged,
        int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        if (name is { Length: > PersonRequest.NameMaxLength }) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["name is too long."] });

        var query = db.Persons.VisibleTo(db, http.User).AsNoTracking();
        var key = NameSearchKey.For(name);
        if (key.Length > 0)
        {
            // A kana query also matches names written in kana; a kanji query matches the written name.
            query = NameSearchKey.IsKana(key)
                ? query.Where(p => p.KanaKey.Contains(key) || p.NameKey.Contains(key))
                : query.Where(p => p.NameKey.Contains(key));
        }
        if (birthDate is { } born) query = query.Where(p => p.BirthDate == born);
        if (!string.IsNullOrEmpty(district)) query = query.Where(p => p.DistrictCode == district);
        if (includeMerged != true) query = query.Where(p => p.Status == IntakeCodes.PersonStatus.Active);
        var rows = await query.PageOf(page, p => p.Id).ToListAsync(cancellationToken);
        var result = page.ToPage(rows, p => p.Id, p => PersonResponse.From(p));
        await db.AuditReadsAsync(http, "search", "person", result.Items.Select(p => p.Id), cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<PersonResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, PersonRequest request, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = request.Validate(clock.GetUtcNow());
        await validation.CheckGaiji(db, "name", request.Name, cancellationToken);
        await validation.CheckGaiji(db, "nameKana", request.NameKana, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var person = await db.Persons.VisibleTo(db, http.User).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null) return TypedResults.NotFound();
        if (person.Status != IntakeCodes.PersonStatus.Active) return Problems.Conflict("A merged person cannot be changed; change the survivor.");

        if (!db.IsAtVersion(person, version)) return ETags.Stale();
        if (await AtenaNumberTakenAsync(db, request.AtenaNumber, id, cancellationToken)) return AtenaNumberConflict(request.AtenaNumber!);
        request.ApplyTo(person);
        var flags = await DuplicateCheck.FlagAsync(db, person, clock.GetUtcNow(), cancellationToken);
        db.AuditEntries.Add(AuditEntry.For(http, "update", "person", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, person.Version);
        return TypedResults.Ok(PersonResponse.From(person, flags));
    }

    /// <summary>A 宛名番号 names one resident: another person of the tenant holding it is a conflict (a duplicate to merge).</summary>
    private static Task<bool> AtenaNumberTakenAsync(IntakeDbContext db, string? atenaNumber, Guid? self, CancellationToken cancellationToken) =>
        atenaNumber is null
            ? Task.FromResult(false)
            : db.Persons.AnyAsync(p => p.AtenaNumber == atenaNumber && p.Id != self, cancellationToken);

    private static ProblemHttpResult AtenaNumberConflict(string atenaNumber) =>
        Problems.Conflict($"Another person of this municipality already has 宛名番号 {atenaNumber}: if they are the same resident, merge the two records.");

    private static async Task<Results<Ok<Page<DuplicateFlagResponse>>, ValidationProblem>> ListDuplicates(
        IntakeDbContext db, string? status, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var wanted = status ?? "open";
        var query = db.DuplicateFlags.AsNoTracking().Where(f => f.Status == wanted);
        var rows = await query.PageOf(page, f => f.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, f => f.Id,
            f => new DuplicateFlagResponse(f.Id, f.PersonId, f.CandidateId, f.Reason, f.Status, f.FlaggedAt)));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Dismiss(
        Guid flagId, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var flag = await db.DuplicateFlags.FirstOrDefaultAsync(f => f.Id == flagId, cancellationToken);
        if (flag is null) return TypedResults.NotFound();
        if (flag.Status != IntakeCodes.DuplicateFlagStatus.Open) return Problems.Conflict($"The flag is already {flag.Status}.");
        flag.Status = IntakeCodes.DuplicateFlagStatus.Dismissed;
        flag.ReviewedBy = http.User.SubjectId();
        flag.ReviewedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
