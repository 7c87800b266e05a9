package io.tfgrpo.llm;

import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The model profiles, by name ({@code tfgrpo.models.<name>.*}); {@code default} is configured out of the box. */
@ConfigurationProperties("tfgrpo")
@Validated
record ModelSettings(@DefaultValue Map<String, @Valid ModelProfile> models) {
}
