using System.ComponentModel.DataAnnotations;
using Jusou.Contracts.Intake;
using Jusou.Intake.Persons;
using Register = Jusou.ServiceKit.Gaiji.GaijiEntry;

namespace Jusou.Intake.Gaiji;

/// <param name="Character">The private-use character itself (one code point), or its notation U+E001.</param>
/// <param name="Description">What it stands for: reading, components, the standard kanji it varies (required).</param>
/// <param name="MjCode">Its 文字情報基盤 (MJ) number, when it has one (MJ + six digits).</param>
public sealed record GaijiRequest(string? Character, [property: MaxLength(Register.DescriptionMaxLength)] string? Description, string? MjCode = null);

public sealed record GaijiResponse(string Character, string CodePoint, string? Description, string? MjCode, DateTimeOffset RegisteredAt)
{
    public static GaijiResponse From(Register g) =>
        new(char.ConvertFromUtf32(g.CodePoint), Register.Notation(g.CodePoint), g.Description, g.MjCode, g.RegisteredAt);
}

/// <summary>
/// The municipality's 外字 register (Intake keeps it; the other services that record names learn it from GaijiRegistered).
/// A name holding a private-use character is accepted only once the character is registered here.
/// </summary>
public static class GaijiEndpoints
{
    public static void MapGaiji(this IEndpointRouteBuilder api)
    {
        var gaiji = api.MapGroup("/gaiji").WithTags("外字 register").RequireRoles(PersonEndpoints.Users);
        gaiji.MapGet("/", List).WithName("ListGaiji").WithSummary("The municipality's registered 外字 (private-use characters), by code point.");
        gaiji.MapPost("/", Add).RequireRoles(JusouRoles.Manager)
            .WithName("RegisterGaiji")
            .WithSummary("Register a private-use character as 外字, with what it stands for: names may hold it from now on, in every service.");
    }

    private static async Task<Ok<List<GaijiResponse>>> List(IntakeDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Set<Register>().AsNoTracking().OrderBy(g => g.CodePoint).ToListAsync(cancellationToken))
            .Select(GaijiResponse.From).ToList());

    private static async Task<Results<Created<GaijiResponse>, ValidationProblem, ProblemHttpResult>> Add(
        GaijiRequest request, IntakeDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation().Limits(request);
        var codePoint = CodePointOf(request.Character);
        if (codePoint is not { } point || !Register.IsPrivateUse(point))
        {
            validation.Add("character", "Give one private-use character (U+E000–U+F8FF, or planes 15–16), as the character or as U+E001.");
        }
        if (string.IsNullOrWhiteSpace(request.Description)) validation.Add("description", "Say what the character stands for.");
        if (request.MjCode is not null && !(request.MjCode.Length == 8 && request.MjCode.StartsWith("MJ", StringComparison.Ordinal)
                                             && request.MjCode[2..].All(char.IsAsciiDigit)))
        {
            validation.Add("mjCode", "An MJ number is MJ followed by six digits (MJ012345).");
        }
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (await db.Set<Register>().AnyAsync(g => g.CodePoint == codePoint, cancellationToken))
        {
            return Problems.Conflict($"{Register.Notation(codePoint!.Value)} is registered already.");
        }

        var now = clock.GetUtcNow();
        var entry = new Register
        {
            TenantCode = db.Tenant.Required, CodePoint = codePoint!.Value, Description = Validation.Normalize(request.Description!.Trim()),
            MjCode = request.MjCode, RegisteredAt = now,
        };
        db.Set<Register>().Add(entry);
        db.Publish(new GaijiRegistered(Guid.CreateVersion7(), now, entry.TenantCode, entry.CodePoint, entry.MjCode));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/intake/gaiji", GaijiResponse.From(entry));
    }

    /// <summary>"\uE001" (the character) or "U+E001" (its notation); null when it is neither, or more than one character.</summary>
    private static int? CodePointOf(string? character)
    {
        if (string.IsNullOrEmpty(character)) return null;
        if (character.StartsWith("U+", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(character.AsSpan(2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var parsed))
        {
            return parsed is >= 0 and <= 0x10FFFF ? parsed : null;
        }
        var runes = character.EnumerateRunes().ToList();
        return runes.Count == 1 ? runes[0].Value : null;
    }
}
