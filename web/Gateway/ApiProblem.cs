using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jusou.Web.Gateway;

/// <summary>
/// An error the API answered (RFC 7807 problem+json), told in Japanese: what happened (<see cref="Message"/>) and what
/// to do (<see cref="Advice"/>). The API's own words and its trace id stay available for the help desk.
/// </summary>
public sealed record ApiProblem(int Status, string Message, string Advice, string? Title, string? Detail, string? Rule,
    IReadOnlyDictionary<string, string[]> Errors, string? TraceId)
{
    public bool IsStale => Status == StatusCodes.Status412PreconditionFailed;
    public bool IsConsentRefusal => Rule == "consent_required";

    public static async Task<ApiProblem> Read(HttpResponseMessage response)
    {
        JsonObject? body = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync();
            if (text.Length > 0) body = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // not a problem document; the status says enough
        }
        var errors = new Dictionary<string, string[]>();
        if (body?["errors"] is JsonObject fields)
        {
            foreach (var (field, messages) in fields)
            {
                errors[field] = messages is JsonArray list ? list.Select(m => m?.ToString() ?? "").ToArray() : [messages?.ToString() ?? ""];
            }
        }
        var status = (int)response.StatusCode;
        var title = body?["title"]?.ToString();
        var rule = body?["rule"]?.ToString();
        var retryAfter = response.Headers.RetryAfter?.Delta;
        var (message, advice) = Explain(status, title, rule, errors, retryAfter);
        return new ApiProblem(status, message, advice, title, body?["detail"]?.ToString(), rule, errors, body?["traceId"]?.ToString());
    }

    public static ApiProblem Unreachable() => new(StatusCodes.Status503ServiceUnavailable,
        "システムに接続できません。", "しばらく待ってからもう一度お試しください。続くときはシステム管理者に連絡してください。",
        null, null, null, new Dictionary<string, string[]>(), null);

    private static (string Message, string Advice) Explain(int status, string? title, string? rule,
        IReadOnlyDictionary<string, string[]> errors, TimeSpan? retryAfter) => status switch
        {
            400 => ("入力内容に誤りがあります" + (errors.Count > 0 ? $"（{string.Join("、", errors.Keys.Select(FieldLabels.Of))}）。" : "。"),
                "印の付いた項目を確かめて、もう一度送信してください。"),
            401 => ("サインインの有効期限が切れました。", "もう一度サインインしてください。"),
            403 when title?.Contains("支援会議", StringComparison.Ordinal) == true =>
                ("この支援会議の構成員ではないため、検討内容と議事録は表示できません。",
                 "支援会議（社会福祉法第106条の6）の構成員には守秘義務があり、構成員だけが閲覧できます。閲覧が必要な場合は、会議を記録したコーディネーターに構成員（出席者）への追加を依頼してください。この閲覧の試みは記録されました。"),
            403 => ("この操作を行う権限がありません。", "担当者または管理者に依頼してください。この試みは記録されました。"),
            404 => ("対象の記録が見つかりません。", "削除されたか、閲覧できる範囲にない記録です。一覧から選び直してください。"),
            409 => ("他の記録と矛盾するため、実行できませんでした。", "最新の状態を確かめてから、もう一度操作してください。"),
            412 => ("ほかの人が先にこの記録を更新しました。あなたの変更は保存されていません。",
                "下に表示した最新の内容を確かめてから、必要ならもう一度変更してください。"),
            413 => ("送信した内容が大きすぎます。", "文章を短くしてから送信してください。"),
            422 when rule == "consent_required" =>
                ("本人の同意がないため、この共有はできません（同意ルール）。",
                 "本人の同意（つなぎ・情報共有）を記録してから、もう一度実行してください。同意がない場合、社会福祉法第106条の6の支援会議で扱えるのは「多機関協働事業」と「アウトリーチ等継続的支援事業」へのつなぎだけです。"),
            422 => ("この内容では実行できません。", "内容を確かめてから、もう一度操作してください。"),
            428 => ("更新の前提となる版が指定されていません。", "画面を開き直してから、もう一度操作してください。"),
            429 => ("アクセスが集中しています。", retryAfter is { } wait
                ? $"{Math.Max(1, (int)wait.TotalSeconds)}秒ほど待ってから、もう一度お試しください。"
                : "少し待ってから、もう一度お試しください。"),
            502 or 503 or 504 => ("システムの一部が応答していません。", "しばらく待ってからもう一度お試しください。入力した内容は保存されていません。"),
            _ => ($"システムでエラーが発生しました（{status}）。", "もう一度お試しください。続くときはシステム管理者に、下の問い合わせ番号を伝えてください。"),
        };

    public static bool IsNotFound(ApiProblem? problem) => problem?.Status == (int)HttpStatusCode.NotFound;
}

/// <summary>The API's field names in the words of the screens.</summary>
public static class FieldLabels
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["channel"] = "受付方法",
        ["referralRoute"] = "相談経路",
        ["mainConcern"] = "主な相談内容",
        ["secondaryConcerns"] = "その他の相談内容",
        ["summary"] = "相談の概要",
        ["districtCode"] = "地区",
        ["disposition"] = "対応",
        ["sharingRule"] = "共有の根拠",
        ["referredOrganisationCode"] = "つなぎ先の機関",
        ["personId"] = "本人",
        ["name"] = "氏名",
        ["nameKana"] = "フリガナ",
        ["birthDate"] = "生年月日",
        ["date"] = "開催日",
        ["type"] = "会議の種類",
        ["minutes"] = "議事録",
        ["caseId"] = "ケース",
        ["decision"] = "方針",
        ["organisationCodes"] = "同意の対象機関",
        ["purposes"] = "同意の目的",
        ["givenOn"] = "同意日",
        ["method"] = "同意の方法",
        ["text"] = "記録内容",
        ["kind"] = "種別",
        ["on"] = "日付",
        ["reason"] = "理由",
    };

    public static string Of(string field)
    {
        var last = field.Split('.').Last();
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0) last = last[..bracket];
        return Labels.GetValueOrDefault(last, field);
    }
}
