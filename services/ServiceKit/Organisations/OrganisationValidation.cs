using Jusou.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace Jusou.ServiceKit.Organisations;

/// <summary>A request names organisations by their code; an unknown one is a 400 naming the field.</summary>
public static class OrganisationValidation
{
    /// <summary>Adds an error on <paramref name="field"/> when <paramref name="code"/> is given and no organisation of the tenant has it.</summary>
    public static async Task<Validation> CheckOrganisation(this Validation validation, ServiceDbContext db, string field, string? code,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code)) return validation;
        // A code has the directory's shape (a 法人番号, or lowercase ASCII letters, digits, '-' and '_'); anything else
        // cannot be one, and is not sent to the database (a NUL character is not even storable text there).
        if (!HasCodeShape(code) || !await db.Set<KnownOrganisation>().AnyAsync(o => o.Code == code, cancellationToken))
        {
            validation.Add(field, $"No organisation with code '{code}' in this municipality's directory (CommunityResources).");
        }
        return validation;
    }

    private static bool HasCodeShape(string code) =>
        code.Length <= 40 && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
}
