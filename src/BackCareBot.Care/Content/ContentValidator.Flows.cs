using BackCareBot.Care.Actions;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Content;

/// <summary>The rules for flows: ids, links, sub-flows, red flags, action names, fact tests and reachability.</summary>
public static partial class ContentValidator
{
    private static void ValidateFlows(CareContent content, List<string> problems, HashSet<string> keys)
    {
        var flags = content.RedFlags.Flags.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var flow in content.Flows.Values)
        {
            var file = flow.Id == CareContent.QuizFlowId ? "quiz.json" : $"flows/{flow.Id}.json";
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var step in flow.Steps)
            {
                if (!ids.Add(step.Id))
                {
                    problems.Add($"{file}: flow '{flow.Id}', step '{step.Id}': duplicate step id");
                }
            }

            if (!ids.Contains(flow.Start))
            {
                problems.Add($"{file}: flow '{flow.Id}': start step '{flow.Start}' does not exist");
            }

            foreach (var step in flow.Steps)
            {
                var where = $"{file}: flow '{flow.Id}', step '{step.Id}'";
                foreach (var target in Targets(step).Where(t => !ids.Contains(t)))
                {
                    problems.Add($"{where}: links to missing step '{target}'");
                }

                if (step.Kind == StepKinds.SubFlow && (step.Flow is null || !content.Flows.ContainsKey(step.Flow)))
                {
                    problems.Add($"{where}: runs missing flow '{step.Flow}'");
                }

                if (step.Kind == StepKinds.Action && (step.Action is null || !FlowActions.Names.Contains(step.Action)))
                {
                    problems.Add($"{where}: runs unknown action '{step.Action}'");
                }

                foreach (var rule in step.Rules ?? [])
                {
                    CheckCondition(content, rule.When, problems, where);
                }

                if (step.Flag is { } flag && !flags.Contains(flag))
                {
                    problems.Add($"{where}: raises unknown red flag '{flag}'");
                }

                if (StepKinds.Asks(step.Kind))
                {
                    AddKey(keys, step.Prompt, problems, where, "prompt");
                    AddKey(keys, step.Why, problems, where, "why");
                }

                if (step.Kind == StepKinds.Form)
                {
                    ValidateForm(flow, step, problems, keys, where);
                }

                if (step.Kind == StepKinds.Choice && (step.Choices is null || step.Choices.Count == 0))
                {
                    problems.Add($"{where}: a choice step needs choices");
                }

                foreach (var key in (step.Text ?? []).Concat(step.Choices?.Select(c => c.Label) ?? []))
                {
                    keys.Add(key);
                }
            }

            foreach (var unreachable in ids.Except(Reachable(flow)))
            {
                problems.Add($"{file}: flow '{flow.Id}', step '{unreachable}': unreachable");
            }
        }
    }

    /// <summary>
    /// A form asks choice and yes/no questions of its own flow, each in one form only, and leads to its first
    /// question (so the branches between them run when the card is answered); a checklist's signs all offer "Not sure".
    /// </summary>
    private static void ValidateForm(Flow flow, FlowStep form, List<string> problems, HashSet<string> keys, string where)
    {
        var fields = form.Fields ?? [];
        if (fields.Count == 0)
        {
            problems.Add($"{where}: a form needs fields");
            return;
        }

        foreach (var id in fields)
        {
            var field = flow.Steps.Find(s => s.Id == id);
            if (field is null || field.Kind is not (StepKinds.Choice or StepKinds.YesNo))
            {
                problems.Add($"{where}: field '{id}' is not a choice or yes/no step of flow '{flow.Id}'");
            }
            else if (form.None is not null && (field.Kind != StepKinds.YesNo || !field.AllowUnsure))
            {
                problems.Add($"{where}: checklist sign '{id}' must be a yes/no step with \"Not sure\" (allowUnsure)");
            }

            if (flow.Steps.Count(s => s.Kind == StepKinds.Form && s.Fields?.Contains(id) == true) > 1 || fields.Count(f => f == id) > 1)
            {
                problems.Add($"{where}: field '{id}' is in more than one form, or twice");
            }
        }

        if (form.Next != fields[0])
        {
            problems.Add($"{where}: a form must lead to its first field '{fields[0]}' (next), so the branches between its fields run");
        }

        keys.UnionWith(form.None is null ? ["card.form_error", "card.submit", "prompt.form.retry"] : [form.None, "card.checklist_hint", "card.form_error", "card.submit", "prompt.checklist.retry", "prompt.unsure_counted"]);
    }

    /// <summary>A condition's fact tests must be ones Care supplies (<see cref="TriageFacts"/>), with a known level.</summary>
    private static void CheckCondition(CareContent content, Condition condition, List<string> problems, string where)
    {
        foreach (var (fact, value) in condition.Facts ?? [])
        {
            if (!TriageFacts.Names.Contains(fact))
            {
                problems.Add($"{where}: condition tests unknown fact '{fact}'");
            }
            else if (value.ValueKind != System.Text.Json.JsonValueKind.String || !content.RedFlags.Levels.Exists(l => l.Id == value.GetString()))
            {
                problems.Add($"{where}: condition '{fact}' names unknown level '{value}'");
            }
        }

        foreach (var inner in (condition.All ?? []).Concat(condition.Any ?? []).Concat(condition.Count ?? []).Concat(condition.Not is { } not ? [not] : []))
        {
            CheckCondition(content, inner, problems, where);
        }
    }

    private static IEnumerable<string> Targets(FlowStep step)
    {
        if (step.Next is { } next)
        {
            yield return next;
        }

        foreach (var rule in step.Rules ?? [])
        {
            yield return rule.Goto;
        }
    }

    private static HashSet<string> Reachable(Flow flow)
    {
        var steps = flow.Steps.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([flow.Start]);
        while (queue.TryDequeue(out var id))
        {
            if (seen.Add(id) && steps.TryGetValue(id, out var step))
            {
                foreach (var target in Targets(step))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return seen;
    }
}
