/*
 * The guided stream's two rows through the chord model's four matrix-vector products (2048×512 three times,
 * 239×512): two OpenBLAS sgemv, one sgemm with two rows, and a hand-written AVX2/FMA kernel that reads each weight
 * row once for both rows (the kernel `camxuc_matvec_avx2` in Sources/COpenBLAS/shim.h is written the same way).
 * Fastest of five rounds of 2,000 steps. docs/DECISIONS.md ("A few-row kernel") records the figures.
 *
 *   cc -O2 -I/usr/include/x86_64-linux-gnu/openblas-pthread Benchmarks/matvec2.c -o /tmp/matvec2 -lopenblas -lm \
 *      && /tmp/matvec2
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cblas.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
__attribute__((target("avx2,fma")))
static void mv2(const float*w,int rows,int cols,const float*x0,const float*x1,float*y0,float*y1){
  for(int r=0;r<rows;r++){const float*wr=w+(size_t)r*cols;__m256 a0=_mm256_setzero_ps(),a1=_mm256_setzero_ps(),b0=_mm256_setzero_ps(),b1=_mm256_setzero_ps();
    int c=0;for(;c+16<=cols;c+=16){__m256 w0=_mm256_loadu_ps(wr+c),w1=_mm256_loadu_ps(wr+c+8);
      a0=_mm256_fmadd_ps(w0,_mm256_loadu_ps(x0+c),a0);a1=_mm256_fmadd_ps(w1,_mm256_loadu_ps(x0+c+8),a1);
      b0=_mm256_fmadd_ps(w0,_mm256_loadu_ps(x1+c),b0);b1=_mm256_fmadd_ps(w1,_mm256_loadu_ps(x1+c+8),b1);}
    __m256 a=_mm256_add_ps(a0,a1),b=_mm256_add_ps(b0,b1);
    __m128 ah=_mm_add_ps(_mm256_castps256_ps128(a),_mm256_extractf128_ps(a,1));ah=_mm_hadd_ps(ah,ah);ah=_mm_hadd_ps(ah,ah);
    __m128 bh=_mm_add_ps(_mm256_castps256_ps128(b),_mm256_extractf128_ps(b,1));bh=_mm_hadd_ps(bh,bh);bh=_mm_hadd_ps(bh,bh);
    float s0=_mm_cvtss_f32(ah),s1=_mm_cvtss_f32(bh);for(;c<cols;c++){s0+=wr[c]*x0[c];s1+=wr[c]*x1[c];}
    y0[r]=s0;y1[r]=s1;}}
int main(){openblas_set_num_threads(1);
  int R[4]={2048,2048,2048,239},C[4]={512,512,512,512};float*W[4];float x[2][512],y[2][2048];
  for(int i=0;i<4;i++){W[i]=aligned_alloc(64,(size_t)R[i]*C[i]*4);for(size_t k=0;k<(size_t)R[i]*C[i];k++)W[i][k]=(rand()%1000)/1000.0f-0.5f;}
  for(int k=0;k<512;k++){x[0][k]=k*0.001f;x[1][k]=-k*0.001f;}
  for(int mode=0;mode<3;mode++){double best=1e9;
    for(int round=0;round<5;round++){double t=now();for(int it=0;it<2000;it++)for(int i=0;i<4;i++){
      if(mode==0){cblas_sgemv(CblasRowMajor,CblasNoTrans,R[i],C[i],1,W[i],C[i],x[0],1,0,y[0],1);cblas_sgemv(CblasRowMajor,CblasNoTrans,R[i],C[i],1,W[i],C[i],x[1],1,0,y[1],1);}
      else if(mode==1){cblas_sgemm(CblasRowMajor,CblasNoTrans,CblasTrans,2,R[i],C[i],1,&x[0][0],512,W[i],C[i],0,&y[0][0],2048);}
      else mv2(W[i],R[i],C[i],x[0],x[1],y[0],y[1]);}
      double e=(now()-t)/2000*1000;if(e<best)best=e;}
    printf("%s %.3f ms per guided step's matvecs\n",mode==0?"sgemv x2":mode==1?"sgemm M=2":"avx2 2-row",best);}
}
