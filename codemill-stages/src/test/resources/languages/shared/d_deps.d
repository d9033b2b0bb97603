build/obj/main.o: src/main.c src/util.h \
  include/config.h
