package dev.codemill.bench;
final class Placeholder { }
