package io.seckill.flashsale.activity;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface ActivityMapper extends BaseMapper<Activity> {

    /** Moves an activity between lifecycle states only from the state the caller saw: 0 rows = it moved meanwhile. */
    @Update("UPDATE activity SET status = #{to} WHERE activity_id = #{id} AND status = #{from}")
    int transition(@Param("id") long id, @Param("from") ActivityStatus from, @Param("to") ActivityStatus to);
}
