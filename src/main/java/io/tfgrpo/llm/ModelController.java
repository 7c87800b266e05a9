package io.tfgrpo.llm;

import java.time.Instant;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Models", description = "Configured model profiles and what their calls used")
class ModelController {

    private final ModelClients clients;
    private final CallLedger ledger;

    ModelController(ModelClients clients, CallLedger ledger) {
        this.clients = clients;
        this.ledger = ledger;
    }

    @GetMapping("/api/models")
    @Operation(operationId = "listModelProfiles", summary = "Model profiles",
            description = "Never their secrets; `lastCall` says whether each answered.")
    List<ModelView> models() {
        return clients.all().stream().map(this::view).toList();
    }

    @GetMapping("/api/usage")
    @Operation(operationId = "getUsage", summary = "Tokens and cost of model calls",
            description = "Sums of the ledger, filtered by owner (a job or evaluation id), profile, purpose, since.")
    UsageView usage(
            @RequestParam(required = false) @Parameter(description = "A training job's or evaluation's id, or a "
                    + "library label such as `gsm8k-tips@3` (inference)") String owner,
            @RequestParam(required = false) @Parameter(description = "A model profile's name") String profile,
            @RequestParam(required = false) @Parameter(description = "What the calls were for") Purpose purpose,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
            @Parameter(description = "Only calls from this time on (ISO 8601)") Instant since) {
        return ledger.usage(owner, profile, purpose, since);
    }

    private ModelView view(ModelClient client) {
        ModelProfile p = client.profile();
        ModelClients.LastCall last = clients.lastCall(client.name());
        return new ModelView(client.name(), p.provider(), p.shownBaseUrl(), p.model(), p.hasApiKey(),
                p.temperature(), p.maxTokens(), p.maxConcurrency(), p.requestsPerMinute(), p.timeout(),
                new java.util.TreeMap<>(p.timeouts()),
                p.inputPricePerMillion(), p.outputPricePerMillion(), p.jsonMode(), p.synthetic(),
                last == null ? null : new ModelView.LastCall(last.at(), last.ok(), last.error()));
    }
}
