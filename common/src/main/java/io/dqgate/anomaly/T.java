package io.dqgate.anomaly;
import java.util.Random;
public class T { public static void main(String[] a) throws Exception { for (int n : new int[]{5,50,291,364}) { Random r=new Random(1); double[][] x=new double[n][500]; for(double[] row:x) for(int j=0;j<500;j++) row[j]=r.nextGaussian();
 double[][] g=new double[n][n]; for(int i=0;i<n;i++) for(int j=0;j<=i;j++){double s=0; for(int c=0;c<500;c++) s+=x[i][c]*x[j][c]; g[i][j]=s; g[j][i]=s;}
 for(int rep=0;rep<5;rep++){ double[][] c=new double[n][]; for(int i=0;i<n;i++) c[i]=g[i].clone(); long t=System.nanoTime(); var e=(Object)null; 
   var m = SymmetricEigen.class.getDeclaredMethod("of", double[][].class); m.setAccessible(true); Object eig = m.invoke(null,(Object)c); long t2=System.nanoTime();
   var fv=SymmetricEigen.class.getDeclaredField("values"); fv.setAccessible(true); double[] vals=(double[])fv.get(eig);
   var fw=SymmetricEigen.class.getDeclaredField("vectors"); fw.setAccessible(true); double[][] vec=(double[][])fw.get(eig);
   double err=0; for(int i=0;i<n;i++){ for(int row=0;row<n;row++){ double s=0; for(int k=0;k<n;k++) s+=g[row][k]*vec[i][k]; err=Math.max(err,Math.abs(s-vals[i]*vec[i][row]));}}
   System.out.println(n+" ms "+(t2-t)/1e6+" first "+vals[0]+" last "+vals[n-1]+" maxerr "+err);}}}}
