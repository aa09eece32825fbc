#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
static double now(){struct timespec t;clock_gettime(CLOCK_THREAD_CPUTIME_ID,&t);return t.tv_sec+t.tv_nsec/1e9;}
static char buf[1<<20];
static long dump(int fd, int type, int fam, int len, unsigned mask, int *msgs){
  struct {struct nlmsghdr h; char b[64];} r; memset(&r,0,sizeof r);
  r.h.nlmsg_len=NLMSG_LENGTH(len); r.h.nlmsg_type=type; r.h.nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP; r.h.nlmsg_seq=1;
  r.b[0]=fam; if(type==RTM_GETSTATS) memcpy(r.b+8,&mask,4);
  send(fd,&r,r.h.nlmsg_len,0); long bytes=0; *msgs=0;
  for(;;){ int n=recv(fd,buf,sizeof buf,0); if(n<=0){perror("recv");exit(1);} bytes+=n;
    for(struct nlmsghdr*h=(void*)buf;NLMSG_OK(h,n);h=NLMSG_NEXT(h,n)){ if(h->nlmsg_type==NLMSG_DONE) return bytes; if(h->nlmsg_type==NLMSG_ERROR){fprintf(stderr,"error %d\n",((struct nlmsgerr*)NLMSG_DATA(h))->error);return bytes;} (*msgs)++; } }
}
int main(int c,char**v){ int fd=socket(AF_NETLINK,SOCK_RAW,NETLINK_ROUTE); int one=1; setsockopt(fd,SOL_NETLINK,NETLINK_GET_STRICT_CHK,&one,4);
  int rb=1<<20; setsockopt(fd,SOL_SOCKET,SO_RCVBUF,&rb,4);
  struct {const char*n;int t,f,l;unsigned m;} k[]={{"GETLINK full",RTM_GETLINK,0,16,0},{"GETLINK AF_INET6",RTM_GETLINK,AF_INET6,16,0},{"GETSTATS link64",RTM_GETSTATS,0,12,1},{"GETNEIGHTBL",RTM_GETNEIGHTBL,0,4,0}};
  for(int i=0;i<4;i++){ int msgs; long b=0; double t0=now(); int N=20; for(int j=0;j<N;j++) b=dump(fd,k[i].t,k[i].f,k[i].l,k[i].m,&msgs); double t=(now()-t0)/N; printf("%-18s %5d msgs %8ld bytes %7.3f ms CPU per dump\n",k[i].n,msgs,b,t*1000);} }
