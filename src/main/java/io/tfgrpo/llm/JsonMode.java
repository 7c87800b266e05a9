package io.tfgrpo.llm;

/** How a profile is asked for JSON output. */
enum JsonMode {
    /** {@code response_format: json_schema} (OpenAI, vLLM, llama.cpp, LM Studio) or Ollama's {@code format} schema. */
    SCHEMA,
    /** {@code response_format: json_object} plus the schema in the instructions (e.g. DeepSeek). */
    OBJECT,
    /** The schema in the instructions only, for servers with no JSON mode. */
    PROMPT
}
