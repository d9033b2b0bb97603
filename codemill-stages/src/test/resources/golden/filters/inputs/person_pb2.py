from google.protobuf import descriptor as _descriptor
PERSON = _descriptor.FileDescriptor(name="person.proto")
