#version 330 core
uniform vec4 color;
out vec4 frag;
void main() { frag = color; }
