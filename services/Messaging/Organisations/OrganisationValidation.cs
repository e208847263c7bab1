using Jusou.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Messaging.Organisations;

/// <summary>A request names organisations by their code; an unknown one is a 400 naming the field.</summary>
public static class OrganisationValidation
{
    /// <summary>Adds an error on <paramref name="field"/> when <paramref name="code"/> is given and no organisation of the tenant has it.</summary>
    public static async Task<Validation> CheckOrganisation(this Validation validation, ServiceDbContext db, string field, string? code,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code)) return validation;
        if (!await db.Set<KnownOrganisation>().AnyAsync(o => o.Code == code, cancellationToken))
        {
            validation.Add(field, $"No organisation with code '{code}' in this municipality's directory (CommunityResources).");
        }
        return validation;
    }
}
