package io.tfgrpo.llm;

/** How a profile's model server is spoken to. */
enum Provider {
    /** Any OpenAI-compatible server: OpenAI, DeepSeek, vLLM, llama.cpp server, LM Studio, Ollama's {@code /v1}. */
    OPENAI,
    /** Ollama's native API. */
    OLLAMA
}
