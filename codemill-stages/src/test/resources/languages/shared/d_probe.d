#pragma D option quiet

syscall::open:entry
{
    printf("%s %s\n", execname, copyinstr(arg0));
}
