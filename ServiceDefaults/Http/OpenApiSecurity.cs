using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// Describes who may call what in every service's OpenAPI document: the bearer JWT scheme, and on each operation
/// the roles it needs (x-jusou-roles, also written into the description). Operations without roles accept any
/// signed-in user of the tenant; anonymous ones (health, documents) are not in the document.
/// </summary>
public static class OpenApiSecurity
{
    public const string RolesExtension = "x-jusou-roles";
    private const string Scheme = "Bearer";

    public static OpenApiOptions AddJusouSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT with claims sub, tenant (全国地方公共団体コード), role and org. Locally: ./jusou token --tenant 032085 --role coordinator",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] }];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var required = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredRoles>().ToList();
            if (required.Count == 0) return Task.CompletedTask;
            // Every RequiredRoles applies, so a caller needs a role that each of them allows.
            var roles = required.Skip(1).Aggregate((IEnumerable<string>)required[0].Roles, (allowed, next) => allowed.Intersect(next.Roles)).ToArray();
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[RolesExtension] = new JsonNodeExtension(new JsonArray(roles.Select(r => (JsonNode)r).ToArray()));
            operation.Description = $"{operation.Description}\n\nRoles: {string.Join(", ", roles)}.".TrimStart();
            return Task.CompletedTask;
        });
        return options;
    }
}
