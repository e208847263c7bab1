using System.Net;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Jusou.Tests.Integrators;

/// <summary>
/// What an integrator does first: generate a client from the gateway's merged OpenAPI document with a common generator
/// (NSwag), compile it, and call the system with it. Every operation of every service goes through the generator and
/// the compiler; a few are then called, an error included.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GeneratedClientTests(SystemFixture system)
{
    [Fact]
    public async Task A_client_generated_from_the_merged_document_compiles_and_calls_the_system()
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(await system.MergedOpenApiText());
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "JusouClient",
            UseBaseUrl = false, // the HttpClient's BaseAddress: the gateway
            GenerateClientInterfaces = false,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
        };
        settings.CSharpGeneratorSettings.Namespace = "Jusou.GeneratedClient";
        settings.CSharpGeneratorSettings.JsonLibrary = CSharpJsonLibrary.SystemTextJson;
        settings.CSharpGeneratorSettings.DateType = "System.DateOnly"; // format: date is a day, not an instant
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        await File.WriteAllTextAsync(Path.Combine(Infrastructure.Browser.ArtefactsDirectory, "JusouClient.generated.cs"), code); // to read when it fails

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Jusou.GeneratedClient", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, "the generated client does not compile:\n" + string.Join("\n", emitted.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)
            .Select(d => $"{d}\n    {code.Split('\n')[d.Location.GetLineSpan().StartLinePosition.Line].Trim()}")));
        var context = new AssemblyLoadContext("generated-client", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var worker = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
            var client = Activator.CreateInstance(assembly.GetType("Jusou.GeneratedClient.JusouClient")!, worker)!;

            var request = Body(assembly, "PersonRequest", """{"name": "生成 花子", "nameKana": "セイセイ ハナコ", "birthDate": "1961-05-06"}""");
            var created = await Call(client, "CreatePersonAsync", null, Guid.NewGuid().ToString(), request);
            var id = (Guid)created!.GetType().GetProperty("Id")!.GetValue(created)!;
            var read = await Call(client, "GetPersonAsync", id, null);
            Assert.Equal("生成 花子", read!.GetType().GetProperty("Name")!.GetValue(read));
            Assert.Equal(new DateOnly(1961, 5, 6), read.GetType().GetProperty("BirthDate")!.GetValue(read));

            // An error reaches the caller as the generator's exception, with the status the document declares.
            var missing = await Assert.ThrowsAnyAsync<Exception>(() => Call(client, "GetPersonAsync", Guid.CreateVersion7(), null));
            Assert.StartsWith("ApiException", missing.GetType().Name);
            Assert.Equal((int)HttpStatusCode.NotFound, missing.GetType().GetProperty("StatusCode")!.GetValue(missing));
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>A request body of the generated type <paramref name="type"/>, read from JSON as the generated client would write it.</summary>
    private static object Body(Assembly assembly, string type, string json) =>
        JsonSerializer.Deserialize(json, assembly.GetType($"Jusou.GeneratedClient.{type}")!)!;

    /// <summary>Calls the generated operation <paramref name="name"/> (the overload taking a CancellationToken) and returns its result.</summary>
    private static async Task<object?> Call(object client, string name, params object?[] arguments)
    {
        var method = client.GetType().GetMethods().Single(m => m.Name == name && m.GetParameters().Length == arguments.Length + 1
            && m.GetParameters()[^1].ParameterType == typeof(CancellationToken));
        var task = (Task)method.Invoke(client, [.. arguments, CancellationToken.None])!;
        await task;
        return task.GetType().GetProperty("Result")?.GetValue(task);
    }
}
